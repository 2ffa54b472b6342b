# The national service: self tests of its classes, and the real-process
# scenario (pps-national started on a free 127.0.0.1 port, driven over HTTP
# with libcurl, ppsctl national included).
add_executable(national_selftest ${CMAKE_CURRENT_LIST_DIR}/national_selftest.c)
target_compile_options(national_selftest PRIVATE ${PPS_WARNINGS})
target_link_libraries(national_selftest PRIVATE national_core)
foreach(class settings aggregate store views)
  add_test(NAME national.${class} COMMAND national_selftest ${class})
endforeach()

add_executable(national_it ${CMAKE_CURRENT_LIST_DIR}/national_it.c
                           ${CMAKE_CURRENT_LIST_DIR}/national_it_util.c)
target_include_directories(national_it PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_compile_options(national_it PRIVATE ${PPS_WARNINGS})
target_link_libraries(national_it PRIVATE pps_common pps_bilan test_ports PkgConfig::CURL PkgConfig::JANSSON PkgConfig::SODIUM)
# The test runs both programs, so building it builds them
add_dependencies(national_it pps-national ppsctl)
add_test(NAME national.http COMMAND national_it $<TARGET_FILE:pps-national> $<TARGET_FILE:ppsctl>)
set_tests_properties(national.http PROPERTIES TIMEOUT 60 LABELS integration)

# SIGKILL at random moments while three regions post: nothing acknowledged lost.
add_executable(national_crash ${CMAKE_CURRENT_LIST_DIR}/national_crash.c
                              ${CMAKE_CURRENT_LIST_DIR}/national_it_util.c)
target_include_directories(national_crash PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_compile_options(national_crash PRIVATE ${PPS_WARNINGS})
target_link_libraries(national_crash PRIVATE pps_common pps_bilan test_ports PkgConfig::CURL PkgConfig::JANSSON
                      PkgConfig::SODIUM Threads::Threads)
add_dependencies(national_crash pps-national)
add_test(NAME national.crash COMMAND national_crash $<TARGET_FILE:pps-national>)
set_tests_properties(national.crash PROPERTIES TIMEOUT 120 LABELS "fault")
pps_test_ports(national.http 1)
pps_test_ports(national.crash 1)

# 64 slow connections from one address hold nobody else (issue 16).
add_test(NAME national.slowloris
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/national_slowloris.sh $<TARGET_FILE_DIR:pps-national>)
set_tests_properties(national.slowloris PROPERTIES TIMEOUT 60 LABELS integration)
pps_test_ports(national.slowloris 1)

# The national console's accounts (web_auth.h, docs/national.md): made with
# ppsctl on the national configuration, then login, me, the console's
# routes, CSRF, logout, API tokens, push tokens, lockout, the reader token.
add_executable(national_accounts ${CMAKE_CURRENT_LIST_DIR}/national_accounts.c
                                 ${CMAKE_CURRENT_LIST_DIR}/national_it_util.c)
target_include_directories(national_accounts PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_compile_options(national_accounts PRIVATE ${PPS_WARNINGS})
target_link_libraries(national_accounts PRIVATE pps_common pps_bilan test_ports PkgConfig::CURL
                      PkgConfig::JANSSON PkgConfig::SODIUM)
add_dependencies(national_accounts pps-national ppsctl)
add_test(NAME national.accounts
         COMMAND national_accounts $<TARGET_FILE:pps-national> $<TARGET_FILE:ppsctl>)
set_tests_properties(national.accounts PROPERTIES TIMEOUT 90 LABELS integration)
pps_test_ports(national.accounts 1)
