# ppsctl driven from the shell against a real pps-region process.
add_test(NAME ppsctl.cli
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ppsctl_test.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(ppsctl.cli PROPERTIES TIMEOUT 180)

# `ppsctl watch` against a fake registry that never publishes seq 3 and 4:
# watch must notice the gap, fetch them with EventsSince, and say so.
add_executable(ppsctl_watch_source ${CMAKE_CURRENT_LIST_DIR}/ppsctl_watch_source.c)
target_compile_options(ppsctl_watch_source PRIVATE ${PPS_WARNINGS})
target_link_libraries(ppsctl_watch_source PRIVATE pps_proto PkgConfig::CZMQ PkgConfig::ZMQ)
add_dependencies(ppsctl_watch_source ppsctl)
add_test(NAME ppsctl.watch_gap
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/ppsctl_watch_gap.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(ppsctl.watch_gap PROPERTIES TIMEOUT 60)
