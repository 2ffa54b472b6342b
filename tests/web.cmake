# pps-web, the region's HTTP/JSON gateway, driven over HTTP.
add_test(NAME web.api COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/web_api.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(web.api PROPERTIES TIMEOUT 180)
pps_test_ports(web.api 1)

# A closed event stream frees its connection at once (pps_httpd.c)
add_test(NAME web.streams COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/web_streams.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(web.streams PROPERTIES TIMEOUT 120)
pps_test_ports(web.streams 1)
