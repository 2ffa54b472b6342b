# The bilan's computation on hand-built records.
add_executable(indicators_compute_test indicators_compute_test.c)
target_compile_options(indicators_compute_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(indicators_compute_test PRIVATE indicators_core)
add_test(NAME indicators.compute COMMAND indicators_compute_test)
