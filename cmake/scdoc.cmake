# cmake -DSCDOC=... -DINPUT=page.scd -DOUTPUT=page -P scdoc.cmake: scdoc reads
# its page on stdin and writes roff on stdout, which add_custom_command
# cannot redirect portably.
execute_process(COMMAND ${SCDOC} INPUT_FILE ${INPUT} OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUTPUT})
  message(FATAL_ERROR "scdoc ${INPUT}: ${rc}")
endif()
