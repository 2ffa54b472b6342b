# pps-web's accounts (web/web_accounts.h): users, sessions and their expiry,
# CSRF tokens, failed-login lockout, API tokens, durability across a reopen
# and a second process, and no secret in clear in the LMDB file. Time is
# driven through now_ms; argon2id runs at libsodium's minimum cost.
add_executable(web_accounts_test ${CMAKE_CURRENT_LIST_DIR}/web_accounts_test.c)
target_compile_options(web_accounts_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(web_accounts_test PRIVATE pps_web_core)
add_test(NAME web.accounts COMMAND web_accounts_test)
set_tests_properties(web.accounts PROPERTIES TIMEOUT 120)
