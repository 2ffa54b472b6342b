# The catch-up subscriber (common/pps_subscriber) against a real registry.
add_executable(subscriber_test subscriber_test.c)
target_compile_options(subscriber_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(subscriber_test PRIVATE orgs_harness registry_core)
add_test(NAME common.subscriber COMMAND subscriber_test)
set_tests_properties(common.subscriber PROPERTIES TIMEOUT 60)
