# `ppsctl user` and `ppsctl token` on pps-web's accounts in a scratch data
# directory: no gateway and no service running.
add_test(NAME ppsctl.user
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/ppsctl_user.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(ppsctl.user PROPERTIES TIMEOUT 60)
