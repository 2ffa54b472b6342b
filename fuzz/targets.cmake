# The fuzz targets, shared by two builds:
#   - the libFuzzer build (fuzz/CMakeLists.txt, cmake -DPPS_FUZZ=ON with
#     clang): fuzz_<target>, run by fuzz/run.sh;
#   - every build (tests/fault_fuzz.cmake): fuzz_<target>_replay, the same
#     code with fuzz_replay.c's main, run by ctest over the generated seed
#     corpus and fuzz/regressions/<target>/ (every crash ever found).
# Included by both; the targets are defined at the first inclusion.
set(FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
set(FUZZ_SERVICES registry projects training funding indicators notify)
set(FUZZ_TARGETS ${FUZZ_SERVICES} national_rules national_api decoders)

# pps_fuzz_executable(EXECUTABLE TARGET [SOURCES...]): the program of fuzz
# target TARGET, with the extra sources given (fuzz_replay.c for a replay).
function(pps_fuzz_executable executable target)
  if(target IN_LIST FUZZ_SERVICES)
    add_executable(${executable} ${FUZZ_DIR}/fuzz_service.c ${ARGN})
    target_compile_definitions(${executable} PRIVATE FUZZ_SERVICE="${target}")
    target_link_libraries(${executable} PRIVATE fuzz_region)
  elseif(target STREQUAL "decoders")
    add_executable(${executable} ${FUZZ_DIR}/fuzz_decoders.c ${ARGN})
    target_link_libraries(${executable} PRIVATE establishment_csv indicators_core)
  else()
    add_executable(${executable} ${FUZZ_DIR}/fuzz_${target}.c ${ARGN})
    target_link_libraries(${executable} PRIVATE national_core fuzz_region)
  endif()
  target_compile_options(${executable} PRIVATE ${PPS_WARNINGS})
endfunction()

if(TARGET fuzz_region)
  return()
endif()

# The region in process, with the sample loaders of pps-region.
file(GLOB FUZZ_SAMPLE_SRCS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tools/sample_*.c)
add_library(fuzz_region STATIC ${FUZZ_DIR}/fuzz_region.c ${FUZZ_SAMPLE_SRCS})
target_include_directories(fuzz_region PUBLIC ${FUZZ_DIR} ${CMAKE_SOURCE_DIR}/tools)
target_compile_options(fuzz_region PRIVATE ${PPS_WARNINGS})
target_compile_definitions(fuzz_region PRIVATE FUZZ_DEFAULT_CSV="${PPS_ESTABLISHMENTS_CSV}")
target_link_libraries(fuzz_region PUBLIC indicators_core notify_core establishment_csv)

# The seed corpus generator (fuzz_seeds.c).
add_executable(fuzz_seeds ${FUZZ_DIR}/fuzz_seeds.c)
target_compile_options(fuzz_seeds PRIVATE ${PPS_WARNINGS})
target_link_libraries(fuzz_seeds PRIVATE fuzz_region)
