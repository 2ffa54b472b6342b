# The proto3 JSON mapping (common/pps_json.c) on the services' own messages:
# round trips, what each type is written as, what is refused and where.
add_executable(json_test ${CMAKE_CURRENT_LIST_DIR}/json_test.c)
target_compile_options(json_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(json_test PRIVATE pps_common pps_proto)
add_test(NAME common.json COMMAND json_test)
