# The bilan's DHIS2 and XLSX exports on a bilan built from the contract, no
# process: indicators.exports checks the dataValueSets and metadata
# documents against DHIS2's Web API field names and each other;
# indicators.exports_xlsx reopens the workbook with python3-openpyxl and
# compares it with the JSON export of the same bilan (skipped, exit 77,
# when openpyxl is not installed).
add_executable(indicators_exports_test ${CMAKE_CURRENT_LIST_DIR}/indicators_exports_test.c)
target_compile_options(indicators_exports_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(indicators_exports_test PRIVATE indicators_core)
add_test(NAME indicators.exports COMMAND indicators_exports_test)

add_test(NAME indicators.exports_xlsx
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/indicators_exports_xlsx.sh
                 $<TARGET_FILE:indicators_exports_test>)
set_tests_properties(indicators.exports_xlsx PROPERTIES SKIP_RETURN_CODE 77)
