# The consoles in a real browser (headless Chromium through Selenium,
# axe-core on every page), each test against a region of its own with the
# sample (tests/browser/run_console.sh). Screenshots stay in
# <build>/console-shots/<test>/ for a person to look at.
function(pps_console_test name script)
  add_test(NAME console.${name}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/browser/run_console.sh $<TARGET_FILE_DIR:ppsctl>
                   ${PPS_ESTABLISHMENTS_CSV} ${CMAKE_BINARY_DIR}/console-shots/${name}
                   ${CMAKE_CURRENT_SOURCE_DIR}/browser/${script} ${ARGN})
  set_tests_properties(console.${name} PROPERTIES TIMEOUT 420)
  pps_test_ports(console.${name} 2)
endfunction()

pps_console_test(region console_region.py)
pps_console_test(referents console_referents.py)
pps_console_test(projects console_projects.py)

# The national console: a region with the sample pushes its bilans to a
# pps-national, whose console a national account reads
pps_console_test(national console_national.py --national)
