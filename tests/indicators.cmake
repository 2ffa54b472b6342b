# The bilan's computation on hand-built records.
add_executable(indicators_compute_test indicators_compute_test.c)
target_compile_options(indicators_compute_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(indicators_compute_test PRIVATE indicators_core)
add_test(NAME indicators.compute COMMAND indicators_compute_test)

# The event-fed bilan against the owning services' own queries, on the
# whole region's sample data, every service in-process.
add_executable(indicators_crosscheck indicators_crosscheck.c)
target_compile_options(indicators_crosscheck PRIVATE ${PPS_WARNINGS})
target_link_libraries(indicators_crosscheck PRIVATE pps_samples indicators_core establishment_csv)
add_test(NAME indicators.crosscheck COMMAND indicators_crosscheck ${PPS_ESTABLISHMENTS_CSV})
set_tests_properties(indicators.crosscheck PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)

# The annexes' rules (A5.8, open establishments, OS 2 families, meetings of
# a dissolved committee) and the year of seed 004 replayed.
add_executable(indicators_annexes_test indicators_annexes_test.c)
target_compile_options(indicators_annexes_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(indicators_annexes_test PRIVATE indicators_core)
add_test(NAME indicators.annexes COMMAND indicators_annexes_test)
