# The fuzz targets' inputs as regression tests, in every build and with any
# compiler (fuzz/README.md): fuzz_seeds writes the seed corpus of each
# target from the code, then fuzz_<target>_replay runs every seed and every
# crash ever found (fuzz/regressions/<target>/) through the target's code.
include(${CMAKE_SOURCE_DIR}/fuzz/targets.cmake)

set(FUZZ_SEED_DIR ${CMAKE_CURRENT_BINARY_DIR}/fuzz-seeds)
add_test(NAME fault.fuzz_seeds COMMAND fuzz_seeds ${FUZZ_SEED_DIR})
set_tests_properties(fault.fuzz_seeds PROPERTIES FIXTURES_SETUP fuzz_seeds TIMEOUT 120
  LABELS "fault;fuzz")
foreach(target ${FUZZ_TARGETS})
  pps_fuzz_executable(fuzz_${target}_replay ${target} ${FUZZ_DIR}/fuzz_replay.c)
  add_test(NAME fault.fuzz_replay.${target}
           COMMAND fuzz_${target}_replay ${FUZZ_SEED_DIR}/${target} ${FUZZ_DIR}/regressions/${target})
  set_tests_properties(fault.fuzz_replay.${target} PROPERTIES FIXTURES_REQUIRED fuzz_seeds
    TIMEOUT 120 LABELS "fault;fuzz")
endforeach()

# Open findings: an input that still crashes its target because the bug it
# shows is not fixed yet (fuzz/open/<target>/<name>, with the target's abort
# message in fuzz/open/<target>/KNOWN). Each is a test expected to fail;
# once the bug is fixed it passes, ctest reports it, and the input moves to
# fuzz/regressions/<target>/.
foreach(target ${FUZZ_TARGETS})
  file(GLOB open_inputs ${FUZZ_DIR}/open/${target}/*)
  list(FILTER open_inputs EXCLUDE REGEX "/KNOWN$")
  foreach(input ${open_inputs})
    get_filename_component(name ${input} NAME)
    add_test(NAME fault.fuzz_open.${target}.${name}
             COMMAND fuzz_${target}_replay --crash-exits ${input})
    set_tests_properties(fault.fuzz_open.${target}.${name} PROPERTIES WILL_FAIL TRUE
      TIMEOUT 60 LABELS "fault;fuzz")
  endforeach()
endforeach()
