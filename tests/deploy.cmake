# Deployment (issue 6): the systemd units pass `systemd-analyze verify`
# (skipped, exit 77, where systemd-analyze is missing), create-region.sh
# makes a region's directories, configuration and keys, and two regions
# plus the national service run on one machine from deploy/region-*.cfg
# (each service its own process under `pps-region --processes`).
add_test(NAME deploy.units
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/deploy_units.sh ${CMAKE_BINARY_DIR})
set_tests_properties(deploy.units PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
add_test(NAME deploy.create_region
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/deploy_create_region.sh $<TARGET_FILE_DIR:ppsctl>
                 ${CMAKE_SOURCE_DIR}/deploy)
add_test(NAME deploy.multiregion
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/deploy_multiregion.sh $<TARGET_FILE_DIR:ppsctl>
                 ${CMAKE_SOURCE_DIR}/deploy)
set_tests_properties(deploy.create_region PROPERTIES TIMEOUT 60)
set_tests_properties(deploy.multiregion PROPERTIES TIMEOUT 180 LABELS integration)
# The national service, then two regions of six services with two endpoints each
pps_test_ports(deploy.multiregion 32)

# A service that cannot bind: the wait on it fails within its deadline,
# naming the bind error.
add_test(NAME deploy.bind_conflict
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/deploy_bind_conflict.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(deploy.bind_conflict PROPERTIES TIMEOUT 60 LABELS integration)
pps_test_ports(deploy.bind_conflict 12)

# The files of a region: one region per data directory, socket files after a
# clean stop and a kill, every path private (issue 16).
add_test(NAME deploy.region_files
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/deploy_region_files.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(deploy.region_files PROPERTIES TIMEOUT 90)
pps_test_ports(deploy.region_files 1)
