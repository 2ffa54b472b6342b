# The funding service: its domain rules (self test); funders, calls,
# applications and decisions, then the co-financing, concertation and
# granted-totals views, driven through a real funding service served
# in-process with the registry and projects services it asks; and ppsctl
# against a real pps-region process, with a SIGKILL and a restart.
add_executable(funding_rules_test ${CMAKE_CURRENT_LIST_DIR}/funding_rules_test.c)
target_compile_options(funding_rules_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(funding_rules_test PRIVATE funding_core)
add_test(NAME funding.rules COMMAND funding_rules_test)

add_library(funding_harness STATIC ${CMAKE_CURRENT_LIST_DIR}/funding_harness.c
                                   ${CMAKE_CURRENT_LIST_DIR}/funding_world.c)
target_include_directories(funding_harness PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_compile_options(funding_harness PRIVATE ${PPS_WARNINGS})
target_link_libraries(funding_harness PUBLIC test_scratch funding_core projects_core registry_core)

foreach(name service views)
  add_executable(funding_${name}_test ${CMAKE_CURRENT_LIST_DIR}/funding_${name}_test.c)
  target_compile_options(funding_${name}_test PRIVATE ${PPS_WARNINGS})
  target_link_libraries(funding_${name}_test PRIVATE funding_harness)
  add_test(NAME funding.${name} COMMAND funding_${name}_test)
  set_tests_properties(funding.${name} PROPERTIES TIMEOUT 120)
endforeach()

add_test(NAME funding.cli
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/funding_ppsctl_test.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(funding.cli PROPERTIES TIMEOUT 120)

# The sample loaders (compiled from tools/, as pps-region uses them) against
# in-process services: the funding sample is complete and loads idempotently.
add_executable(funding_sample_test ${CMAKE_CURRENT_LIST_DIR}/funding_sample_test.c)
target_compile_options(funding_sample_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(funding_sample_test PRIVATE pps_samples funding_core projects_core
                      registry_core establishment_csv)
add_test(NAME funding.sample COMMAND funding_sample_test
         ${CMAKE_SOURCE_DIR}/../shared/data/etablissements_penitentiaires.csv)
set_tests_properties(funding.sample PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)
