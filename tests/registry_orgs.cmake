# The registry's organisations (regions, directorates, establishments,
# hospitals, health units, partners, persons) and the establishments import,
# driven through a real in-process service; and the establishments CSV reader.
# The import and CSV tests also read the ministry's file from the shared
# reference data when it is there.

add_library(orgs_harness STATIC ${CMAKE_CURRENT_LIST_DIR}/orgs_harness.c)
target_include_directories(orgs_harness PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_compile_options(orgs_harness PRIVATE ${PPS_WARNINGS})
target_link_libraries(orgs_harness PUBLIC test_scratch registry_core)

add_executable(registry_orgs_test ${CMAKE_CURRENT_LIST_DIR}/registry_orgs_test.c)
add_executable(registry_import_test ${CMAKE_CURRENT_LIST_DIR}/registry_import_test.c)
foreach(program registry_orgs_test registry_import_test)
  target_compile_options(${program} PRIVATE ${PPS_WARNINGS})
  target_link_libraries(${program} PRIVATE orgs_harness registry_core establishment_csv)
endforeach()
add_test(NAME registry.orgs COMMAND registry_orgs_test)
add_test(NAME registry.import COMMAND registry_import_test ${PPS_ESTABLISHMENTS_CSV})
set_tests_properties(registry.orgs registry.import PROPERTIES TIMEOUT 120)

add_executable(establishment_csv_test ${CMAKE_CURRENT_LIST_DIR}/establishment_csv_test.c)
target_compile_options(establishment_csv_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(establishment_csv_test PRIVATE establishment_csv)
add_test(NAME registry.csv COMMAND establishment_csv_test ${PPS_ESTABLISHMENTS_CSV})
