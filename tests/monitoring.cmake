# Monitoring (issue 6): `ppsctl status` and `ppsctl metrics` against fake
# services whose status says what the test wants (down, error, lagging,
# outbox entries needing an operator, late answers), and the hot backup of
# a running region restored into a fresh data directory.
# monitoring_tool also serves the deploy tests (the exposition check).
add_executable(monitoring_tool ${CMAKE_CURRENT_LIST_DIR}/monitoring_tool.c)
target_compile_options(monitoring_tool PRIVATE ${PPS_WARNINGS})
target_link_libraries(monitoring_tool PRIVATE pps_proto PkgConfig::CZMQ PkgConfig::ZMQ)
# The scripts run these programs, so building the tool builds them
add_dependencies(monitoring_tool ppsctl pps-region pps-registry pps-projects pps-training
                 pps-funding pps-indicators pps-notify pps-national pps-keygen)

add_test(NAME monitoring.status
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/monitoring_status.sh $<TARGET_FILE_DIR:ppsctl>)
add_test(NAME monitoring.backup
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/monitoring_backup.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(monitoring.status monitoring.backup PROPERTIES TIMEOUT 120)
pps_test_ports(monitoring.status 1)
