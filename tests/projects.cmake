# The projects service: its domain rules (self test); its handlers driven
# through real in-process services (a registry and the projects service on
# one configuration); the sample loader; and pps-projects as a real process
# next to a real pps-registry, with a SIGKILL in the middle of a stream.
add_executable(projects_rules_test ${CMAKE_CURRENT_LIST_DIR}/projects_rules_test.c)
target_compile_options(projects_rules_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(projects_rules_test PRIVATE projects_core)
add_test(NAME projects.rules COMMAND projects_rules_test)

add_library(projects_harness STATIC ${CMAKE_CURRENT_LIST_DIR}/projects_harness.c)
target_include_directories(projects_harness PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_compile_options(projects_harness PRIVATE ${PPS_WARNINGS})
target_link_libraries(projects_harness PUBLIC projects_core registry_core)

add_executable(projects_api_test ${CMAKE_CURRENT_LIST_DIR}/projects_api_test.c)
add_executable(projects_sessions_test ${CMAKE_CURRENT_LIST_DIR}/projects_sessions_test.c)
foreach(program projects_api_test projects_sessions_test)
  target_compile_options(${program} PRIVATE ${PPS_WARNINGS})
  target_link_libraries(${program} PRIVATE projects_harness)
endforeach()
add_test(NAME projects.api COMMAND projects_api_test)
add_test(NAME projects.sessions COMMAND projects_sessions_test)
set_tests_properties(projects.api projects.sessions PROPERTIES TIMEOUT 120)

# pps-projects and pps-registry as real processes (see it_harness.h).
add_executable(projects_it ${CMAKE_CURRENT_LIST_DIR}/projects_it.c)
target_compile_options(projects_it PRIVATE ${PPS_WARNINGS})
target_link_libraries(projects_it PRIVATE it_harness)
add_dependencies(projects_it pps-registry pps-projects)
add_test(NAME projects.process
  COMMAND projects_it $<TARGET_FILE:pps-registry> $<TARGET_FILE:pps-projects>)
set_tests_properties(projects.process PROPERTIES TIMEOUT 180 LABELS integration)

# The sample loader, on the registry's sample when the ministry's file is there.
add_executable(projects_sample_test ${CMAKE_CURRENT_LIST_DIR}/projects_sample_test.c)
target_compile_options(projects_sample_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(projects_sample_test PRIVATE pps_samples projects_harness establishment_csv)
add_test(NAME projects.sample COMMAND projects_sample_test ${PPS_ESTABLISHMENTS_CSV})
set_tests_properties(projects.sample PROPERTIES TIMEOUT 120)
