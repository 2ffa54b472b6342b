# ppsctl driven from the shell against a real pps-region process.
add_test(NAME ppsctl.cli
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ppsctl_test.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(ppsctl.cli PROPERTIES TIMEOUT 120)
