# Integration tests: each starts pps-registry as its own process (fork +
# execve, configured through the environment) and drives it through its
# ZeroMQ endpoints with pps_client. The program's path is the first argument.
find_package(Threads REQUIRED)

add_library(it_harness STATIC ${CMAKE_CURRENT_SOURCE_DIR}/it_harness.c)
target_include_directories(it_harness PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_options(it_harness PRIVATE ${PPS_WARNINGS})
target_link_libraries(it_harness PUBLIC pps_common test_ports Threads::Threads)

add_executable(it_api ${CMAKE_CURRENT_SOURCE_DIR}/it_api.c)
add_executable(it_bad_input ${CMAKE_CURRENT_SOURCE_DIR}/it_bad_input.c)
add_executable(it_crash ${CMAKE_CURRENT_SOURCE_DIR}/it_crash.c)
foreach(program it_api it_bad_input it_crash)
  target_compile_options(${program} PRIVATE ${PPS_WARNINGS})
  target_link_libraries(${program} PRIVATE it_harness)
  # The tests run the program, so building them builds it
  add_dependencies(${program} pps-registry pps-region)
endforeach()
# it_bad_input reads the operation table to know which operations write.
target_link_libraries(it_bad_input PRIVATE registry_core)

add_test(NAME registry.api.ipc COMMAND it_api $<TARGET_FILE:pps-registry> ipc)
add_test(NAME registry.api.tcp COMMAND it_api $<TARGET_FILE:pps-registry> tcp)
add_test(NAME registry.bad_input COMMAND it_bad_input $<TARGET_FILE:pps-registry>)
add_test(NAME registry.crash COMMAND it_crash $<TARGET_FILE:pps-registry>)
# Ordered shutdown (issue 16): a whole region in one process (every service's
# actors and the gateway) stopped by SIGTERM at 50 random moments of a write
# stream, exiting 0 each time with every acknowledged write kept
add_test(NAME region.sigterm COMMAND it_crash $<TARGET_FILE:pps-region> --sigterm 50)
set_tests_properties(region.sigterm PROPERTIES TIMEOUT 300 LABELS "integration;fault")
pps_test_ports(region.sigterm 1)
set_tests_properties(registry.api.ipc registry.api.tcp registry.bad_input registry.crash
  PROPERTIES TIMEOUT 120 LABELS integration)
pps_test_ports(registry.api.tcp 2)
