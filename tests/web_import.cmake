# The demo's projects, steps and sessions of region 32 loaded from their CSV
# files (deploy/demo/region-32-*.csv) with ppsctl import and through the API,
# then again: every row ignored (skipped, exit 77, without the ministry's file).
add_test(NAME web.import_demo
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/web_import.sh $<TARGET_FILE_DIR:ppsctl>
                 ${PPS_ESTABLISHMENTS_CSV})
set_tests_properties(web.import_demo PROPERTIES TIMEOUT 180 SKIP_RETURN_CODE 77)
pps_test_ports(web.import_demo 1)
