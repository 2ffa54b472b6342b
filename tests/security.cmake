# Security (issue 7): roles and CURVE keys in one process (security.unit),
# then real processes: pps-registry and a whole region over tcp with CURVE,
# keys made by pps-keygen, driven by ppsctl with operators' keys
# (security.curve); the indicators' push over HTTPS to pps-national with a
# test CA made by openssl (security.https; skipped without openssl).
add_executable(security_test ${CMAKE_CURRENT_LIST_DIR}/security_test.c)
target_compile_options(security_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(security_test PRIVATE pps_common)
add_test(NAME security.unit COMMAND security_test)
set_tests_properties(security.unit PROPERTIES TIMEOUT 60)

# The scripts run these programs, so building the test builds them
add_dependencies(security_test pps-registry pps-region pps-national pps-keygen ppsctl
                 indicators_push_tool)
add_test(NAME security.curve
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/security_curve.sh $<TARGET_FILE_DIR:ppsctl>)
add_test(NAME security.https
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/security_https.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(security.curve security.https PROPERTIES TIMEOUT 180 LABELS integration)
set_tests_properties(security.https PROPERTIES SKIP_RETURN_CODE 77)
pps_test_ports(security.curve 10)
pps_test_ports(security.https 1)
