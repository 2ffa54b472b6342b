# The sample region of pps-region --sample: three years of activity and
# their bilans finalised, received by a national service, and a second
# load that writes nothing (the per-service sample tests are in their
# groups: training.sample, projects.sample, funding.sample,
# indicators.crosscheck).
add_test(NAME sample.years
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/sample_years.sh $<TARGET_FILE_DIR:ppsctl>
                 ${PPS_ESTABLISHMENTS_CSV})
set_tests_properties(sample.years PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77 LABELS integration)
pps_test_ports(sample.years 1)
