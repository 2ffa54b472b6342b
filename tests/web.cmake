# pps-web, the region's HTTP/JSON gateway, driven over HTTP.
add_test(NAME web.api COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/web_api.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(web.api PROPERTIES TIMEOUT 180)
pps_test_ports(web.api 1)

# A closed event stream frees its connection at once (pps_httpd.c)
add_test(NAME web.streams COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/web_streams.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(web.streams PROPERTIES TIMEOUT 120)
pps_test_ports(web.streams 1)

# The consoles' files read from a directory (the Debian packages'
# /usr/share/pps/console) are the table the build embeds, file for file
add_executable(console_assets_test console_assets_test.c)
target_compile_options(console_assets_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(console_assets_test PRIVATE pps_common pps_console_region pps_console_national
                      test_scratch)
add_test(NAME web.console_assets COMMAND console_assets_test ${CMAKE_SOURCE_DIR}/console)
