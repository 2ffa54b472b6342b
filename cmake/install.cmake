# The installed tree, the same for `cmake --install` and the Debian packages
# (debian/): GNUInstallDirs paths, so another distribution can package it
# from here. Daemons in sbin, the operators' tools in bin, the units and the
# sysusers/tmpfiles declarations where systemd looks for a package's own,
# configuration templates and the demo files under share/pps.
include(GNUInstallDirs)

install(TARGETS pps-region pps-national pps-web pps-registry pps-projects pps-training
                pps-funding pps-indicators pps-notify
        RUNTIME DESTINATION ${CMAKE_INSTALL_SBINDIR})
install(TARGETS ppsctl pps-keygen RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(PROGRAMS ${CMAKE_SOURCE_DIR}/deploy/create-region.sh
        DESTINATION ${CMAKE_INSTALL_SBINDIR} RENAME pps-create-region)

# systemd's directories: where systemd.pc says when installing under /usr
# (Debian 12: /lib/systemd/system), else under the prefix; -D overrides.
# sysusers.d and tmpfiles.d under the prefix: /usr/lib/... for a package.
if(NOT DEFINED PPS_SYSTEMD_UNIT_DIR)
  set(PPS_SYSTEMD_UNIT_DIR lib/systemd/system)
  pkg_get_variable(PPS_SYSTEMD_PC systemd systemdsystemunitdir)
  if(PPS_SYSTEMD_PC AND CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    set(PPS_SYSTEMD_UNIT_DIR ${PPS_SYSTEMD_PC})
  endif()
endif()
if(NOT DEFINED PPS_SYSUSERS_DIR)
  set(PPS_SYSUSERS_DIR lib/sysusers.d)
endif()
if(NOT DEFINED PPS_TMPFILES_DIR)
  set(PPS_TMPFILES_DIR lib/tmpfiles.d)
endif()

# The units name the programs where this tree puts them
set(PPS_SBINDIR ${CMAKE_INSTALL_FULL_SBINDIR})
set(PPS_BINDIR ${CMAKE_INSTALL_FULL_BINDIR})
set(PPS_DOCDIR ${CMAKE_INSTALL_FULL_DOCDIR})
file(GLOB PPS_UNIT_TEMPLATES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/deploy/systemd/*.in)
set(PPS_UNITS)
foreach(template ${PPS_UNIT_TEMPLATES})
  get_filename_component(unit ${template} NAME)
  string(REGEX REPLACE "\\.in$" "" unit ${unit})
  configure_file(${template} ${CMAKE_BINARY_DIR}/systemd/${unit} @ONLY)
  list(APPEND PPS_UNITS ${CMAKE_BINARY_DIR}/systemd/${unit})
endforeach()
install(FILES ${PPS_UNITS} DESTINATION ${PPS_SYSTEMD_UNIT_DIR})
install(FILES ${CMAKE_SOURCE_DIR}/deploy/sysusers.d/pps.conf DESTINATION ${PPS_SYSUSERS_DIR})
install(FILES ${CMAKE_SOURCE_DIR}/deploy/tmpfiles.d/pps.conf DESTINATION ${PPS_TMPFILES_DIR})

# The national service's configuration is one file for the machine: a
# conffile. A region's is made per region with its keys by
# pps-create-region, from the templates under share/pps.
install(FILES ${CMAKE_SOURCE_DIR}/deploy/national.cfg
        DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/pps)
install(FILES ${CMAKE_SOURCE_DIR}/deploy/region-32.cfg ${CMAKE_SOURCE_DIR}/deploy/region-11.cfg
              ${CMAKE_SOURCE_DIR}/deploy/region-84.cfg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/pps)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/deploy/demo DESTINATION ${CMAKE_INSTALL_DATADIR}/pps)
# The consoles' files, which the programs read at start when built with
# -DPPS_CONSOLE_DIR=<this directory> (the Debian packages) or told so by
# web/console_dir and national/console_dir; else they serve their embedded copy
install(DIRECTORY ${CMAKE_SOURCE_DIR}/console/common ${CMAKE_SOURCE_DIR}/console/region
                  ${CMAKE_SOURCE_DIR}/console/national
        DESTINATION ${CMAKE_INSTALL_DATADIR}/pps/console)
file(GLOB PPS_DOCS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/*.md)
install(FILES ${PPS_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})
