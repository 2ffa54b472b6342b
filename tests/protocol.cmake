# The protocol every service speaks: each one's declared operations hold
# against its descriptors; a client in another language finds and calls
# them through Describe alone.
add_executable(protocol_describe_test ${CMAKE_CURRENT_LIST_DIR}/protocol_describe_test.c)
target_compile_options(protocol_describe_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(protocol_describe_test PRIVATE registry_core projects_core training_core
                      funding_core indicators_core notify_core test_scratch)
add_test(NAME protocol.describe COMMAND protocol_describe_test)
add_test(NAME protocol.docs
         COMMAND protocol_describe_test docs ${CMAKE_SOURCE_DIR}/docs/protocol.md)

add_test(NAME protocol.python_client
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/protocol_client.sh $<TARGET_FILE_DIR:ppsctl>
                 ${CMAKE_SOURCE_DIR}/proto)
set_tests_properties(protocol.python_client PROPERTIES TIMEOUT 120)
