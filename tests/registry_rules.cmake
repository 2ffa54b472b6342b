# The registry's domain rules (self test) and its referents, programme,
# committees and meetings driven through a real in-process service.
add_executable(registry_rules_test ${CMAKE_CURRENT_LIST_DIR}/registry_rules_test.c)
target_compile_options(registry_rules_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(registry_rules_test PRIVATE registry_core)
add_test(NAME registry.rules COMMAND registry_rules_test)

add_executable(registry_referents_test ${CMAKE_CURRENT_LIST_DIR}/registry_referents_test.c)
target_compile_options(registry_referents_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(registry_referents_test PRIVATE registry_core)
add_test(NAME registry.referents COMMAND registry_referents_test)
set_tests_properties(registry.referents PROPERTIES TIMEOUT 120)
