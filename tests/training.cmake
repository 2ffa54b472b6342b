# The training service: its counting rules (self test); its handlers driven
# through a real training service and a real registry served in-process;
# and both as real processes (pps-registry, pps-training) with a SIGKILL
# of pps-training and a restart on the same data.
add_executable(training_rules_test ${CMAKE_CURRENT_LIST_DIR}/training_rules_test.c)
target_compile_options(training_rules_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(training_rules_test PRIVATE training_core)
add_test(NAME training.rules COMMAND training_rules_test)

add_library(training_harness STATIC ${CMAKE_CURRENT_LIST_DIR}/training_harness.c)
target_include_directories(training_harness PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_compile_options(training_harness PRIVATE ${PPS_WARNINGS})
target_link_libraries(training_harness PUBLIC test_scratch training_core registry_core)

add_executable(training_service_test ${CMAKE_CURRENT_LIST_DIR}/training_service_test.c)
add_executable(training_stats_test ${CMAKE_CURRENT_LIST_DIR}/training_stats_test.c)
foreach(program training_service_test training_stats_test)
  target_compile_options(${program} PRIVATE ${PPS_WARNINGS})
  target_link_libraries(${program} PRIVATE training_harness)
endforeach()
add_test(NAME training.service COMMAND training_service_test)
add_test(NAME training.stats COMMAND training_stats_test)
set_tests_properties(training.service training.stats PROPERTIES TIMEOUT 120)

# Real processes: pps-registry and pps-training, SIGKILL and restart.
find_package(Threads REQUIRED)
add_executable(training_it ${CMAKE_CURRENT_LIST_DIR}/training_it.c)
target_compile_options(training_it PRIVATE ${PPS_WARNINGS})
target_link_libraries(training_it PRIVATE it_harness Threads::Threads)
add_dependencies(training_it pps-registry pps-training)
add_test(NAME training.crash COMMAND training_it $<TARGET_FILE:pps-registry> $<TARGET_FILE:pps-training>)
set_tests_properties(training.crash PROPERTIES TIMEOUT 120 LABELS integration)

# The sample loaders of pps-region (registry, then training) in-process.
add_executable(training_sample_test ${CMAKE_CURRENT_LIST_DIR}/training_sample_test.c)
target_compile_options(training_sample_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(training_sample_test PRIVATE pps_samples training_harness establishment_csv)
add_test(NAME training.sample COMMAND training_sample_test ${PPS_ESTABLISHMENTS_CSV})
set_tests_properties(training.sample PROPERTIES TIMEOUT 120)
