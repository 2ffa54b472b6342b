# The bilan contract (bilan/): its self test, and docs/bilan.md checked
# against its tables.
add_executable(bilan_selftest ${CMAKE_CURRENT_LIST_DIR}/bilan_selftest.c)
target_compile_options(bilan_selftest PRIVATE ${PPS_WARNINGS})
target_link_libraries(bilan_selftest PRIVATE pps_bilan test_scratch)
add_test(NAME bilan.contract COMMAND bilan_selftest contract)
add_test(NAME bilan.docs COMMAND bilan_selftest docs ${CMAKE_SOURCE_DIR}/docs/bilan.md)
