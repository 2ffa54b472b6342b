# The indicators service's push to the national service and its exports:
# the outbox's rules and the four formats on a hand-built bilan (no
# process), then real processes driven from the shell: one region and
# pps-national (indicators.push), three regions and pps-national
# (indicators.e2e). indicators_push_tool does the HTTP and JSON checks
# the scripts need, so that they do not depend on curl, jq or xmllint.
add_executable(indicators_push_unit ${CMAKE_CURRENT_LIST_DIR}/indicators_push_unit.c)
target_compile_options(indicators_push_unit PRIVATE ${PPS_WARNINGS})
target_link_libraries(indicators_push_unit PRIVATE indicators_core)
add_test(NAME indicators.push_unit COMMAND indicators_push_unit)

add_executable(indicators_push_tool ${CMAKE_CURRENT_LIST_DIR}/indicators_push_tool.c)
target_compile_options(indicators_push_tool PRIVATE ${PPS_WARNINGS})
target_link_libraries(indicators_push_tool PRIVATE PkgConfig::CURL PkgConfig::JANSSON
                      PkgConfig::SODIUM)
# The scripts run these programs, so building the tool builds them
add_dependencies(indicators_push_tool pps-region pps-national ppsctl)

add_test(NAME indicators.push
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/indicators_push.sh $<TARGET_FILE_DIR:ppsctl>)
add_test(NAME indicators.e2e
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/indicators_e2e.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(indicators.push indicators.e2e PROPERTIES TIMEOUT 120 LABELS integration)
pps_test_ports(indicators.push 1)
pps_test_ports(indicators.e2e 1)
