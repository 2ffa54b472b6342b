# The man pages: man/<name>.<section>.scd, turned into roff at build time by
# scdoc (Debian's scdoc package) and installed in man<section>. Without
# scdoc the build goes on with no man pages (a message says so); the Debian
# package build-depends on it. The six regional services share one page,
# pps-services(8), linked under each program's name.
find_program(PPS_SCDOC scdoc)
file(GLOB PPS_MAN_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/man/*.scd)
if(NOT PPS_SCDOC OR NOT PPS_MAN_SOURCES)
  message(STATUS "scdoc not found: no man pages (apt-get install scdoc)")
  return()
endif()
set(PPS_MAN_PAGES)
foreach(source ${PPS_MAN_SOURCES})
  get_filename_component(page ${source} NAME)
  string(REGEX REPLACE "\\.scd$" "" page ${page})
  string(REGEX MATCH "[0-9]$" section ${page})
  set(output ${CMAKE_BINARY_DIR}/man/${page})
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND ${CMAKE_COMMAND} -DSCDOC=${PPS_SCDOC} -DINPUT=${source} -DOUTPUT=${output}
            -P ${CMAKE_SOURCE_DIR}/cmake/scdoc.cmake
    DEPENDS ${source} ${CMAKE_SOURCE_DIR}/cmake/scdoc.cmake
    COMMENT "scdoc ${page}")
  list(APPEND PPS_MAN_PAGES ${output})
  install(FILES ${output} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()
add_custom_target(man ALL DEPENDS ${PPS_MAN_PAGES})
foreach(service registry projects training funding indicators notify)
  install(CODE "file(CREATE_LINK pps-services.8
                \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_MANDIR}/man8/pps-${service}.8\"
                SYMBOLIC)")
endforeach()
