# pps-web, the region's HTTP/JSON gateway, driven over HTTP.
add_test(NAME web.api COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/web_api.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(web.api PROPERTIES TIMEOUT 180)
pps_test_ports(web.api 1)
