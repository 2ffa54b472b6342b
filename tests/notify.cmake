# The notify service: its pure rules and encodings (notify.unit, no
# process); its read model and detection over a real store with made-up
# registry events (notify.model); then real processes (notify_it):
# pps-registry, pps-notify and the project's own SMTP and HTTP sinks on
# the loopback, one scenario per test.
find_package(Threads REQUIRED)

add_executable(smtp_sink ${CMAKE_CURRENT_LIST_DIR}/smtp_sink.c)
add_executable(http_sink ${CMAKE_CURRENT_LIST_DIR}/http_sink.c)
target_link_libraries(http_sink PRIVATE PkgConfig::MHD Threads::Threads)

add_executable(notify_unit ${CMAKE_CURRENT_LIST_DIR}/notify_unit.c)
add_executable(notify_model_test ${CMAKE_CURRENT_LIST_DIR}/notify_model_test.c)
add_executable(notify_it ${CMAKE_CURRENT_LIST_DIR}/notify_it.c ${CMAKE_CURRENT_LIST_DIR}/notify_it_world.c)
foreach(program smtp_sink http_sink notify_unit notify_model_test notify_it)
  target_compile_options(${program} PRIVATE ${PPS_WARNINGS})
endforeach()
target_link_libraries(notify_unit PRIVATE notify_core)
target_link_libraries(notify_model_test PRIVATE notify_core)
target_link_libraries(notify_it PRIVATE it_harness PkgConfig::JANSSON PkgConfig::SODIUM)
# The scenarios run these programs, so building the test builds them
add_dependencies(notify_it pps-registry pps-notify smtp_sink http_sink)

add_test(NAME notify.unit COMMAND notify_unit)
add_test(NAME notify.model COMMAND notify_model_test)
add_dependencies(notify_it ppsctl)
foreach(scenario delivery crash catchup reminders)
  add_test(NAME notify.${scenario}
           COMMAND notify_it ${scenario} $<TARGET_FILE:pps-registry> $<TARGET_FILE:pps-notify>
                   $<TARGET_FILE:smtp_sink> $<TARGET_FILE:http_sink> $<TARGET_FILE:ppsctl>)
  set_tests_properties(notify.${scenario} PROPERTIES TIMEOUT 120 LABELS integration)
endforeach()
