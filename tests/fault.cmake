# Fault tolerance (issue 7): services killed under load and restarted, a
# storage that fills up, a network cut between a region and the national
# service. Each test starts the real programs; see the head of each file.
add_executable(fault_mapfull ${CMAKE_CURRENT_LIST_DIR}/fault_mapfull.c)
target_compile_options(fault_mapfull PRIVATE ${PPS_WARNINGS})
target_link_libraries(fault_mapfull PRIVATE it_harness)
add_dependencies(fault_mapfull pps-registry)

add_test(NAME fault.map_full COMMAND fault_mapfull $<TARGET_FILE:pps-registry> map)
# Needs the right to make a mount namespace and a tmpfs (root): skipped otherwise.
add_test(NAME fault.disk_full COMMAND fault_mapfull $<TARGET_FILE:pps-registry> disk)
set_tests_properties(fault.map_full fault.disk_full PROPERTIES
  TIMEOUT 120 LABELS "integration;fault" SKIP_RETURN_CODE 77)

add_executable(fault_subscriber ${CMAKE_CURRENT_LIST_DIR}/fault_subscriber.c)
target_compile_options(fault_subscriber PRIVATE ${PPS_WARNINGS})
target_link_libraries(fault_subscriber PRIVATE it_harness)
add_dependencies(fault_subscriber pps-registry pps-projects pps-training pps-funding
                 pps-indicators)
add_test(NAME fault.subscriber COMMAND fault_subscriber $<TARGET_FILE_DIR:pps-registry>)
set_tests_properties(fault.subscriber PROPERTIES TIMEOUT 180 LABELS "integration;fault")

# The network cut: namespaces and a veth pair made by the test when it may
# (root with iproute2), else pps-national stopped; the fallback also runs
# on its own so that both paths stay tested.
add_test(NAME fault.netcut
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/fault_netcut.sh $<TARGET_FILE_DIR:ppsctl>)
add_test(NAME fault.netcut_fallback
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/fault_netcut.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(fault.netcut_fallback PROPERTIES ENVIRONMENT FAULT_NETCUT_FALLBACK=1)
set_tests_properties(fault.netcut fault.netcut_fallback PROPERTIES
  TIMEOUT 120 LABELS "integration;fault")
pps_test_ports(fault.netcut 1)
pps_test_ports(fault.netcut_fallback 1)
