# Installation and the Debian package (CPack). At run time Faultline needs its binary and, for
# the desktop, the files installed here: the bundled dataset, the schema and the country tables
# are resources inside the binary, and the flags come from the iso-flags-svg package (a declared
# dependency). Paths follow GNUInstallDirs, relative to the install prefix (/usr in the package).
#
# Built here, into build/packaging/: the hicolor PNG icons (rsvg-convert, from
# resources/icons/faultline.svg), the faultline(1) manual page (from the built binary's --help,
# through packaging/help2man.awk), the metainfo (its addresses filled in) and the gzipped
# changelog. `cpack --config build/CPackConfig.cmake` (or `./dev package`) makes the .deb.
include(GNUInstallDirs)

set(FAULTLINE_APP_ID org.faultline.Faultline)
set(FAULTLINE_HOMEPAGE "https://faultline.example" CACHE STRING
    "Project home page: the metainfo's homepage and screenshot addresses (HOMEPAGE/screenshots/NAME.png) and the package's Homepage field")
set(_pkg ${CMAKE_CURRENT_LIST_DIR})
set(_out ${PROJECT_BINARY_DIR}/packaging)

# --- The release: packaging/debian/changelog's top entry gives the version (which must be the
# project's), the date and the maintainer; the metainfo's first release must agree.
file(STRINGS ${_pkg}/debian/changelog _head LIMIT_COUNT 1)
file(STRINGS ${_pkg}/debian/changelog _trailer REGEX "^ -- " LIMIT_COUNT 1)
if(NOT _head MATCHES "^faultline \\(([^)]+)\\) "
   OR NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION)
    message(FATAL_ERROR "packaging/debian/changelog: the top entry must be faultline (${PROJECT_VERSION}), not: ${_head}")
endif()
if(NOT _trailer MATCHES "^ -- (.+ <[^>]+>)  [A-Z][a-z][a-z], ([0-9]+) ([A-Z][a-z][a-z]) ([0-9][0-9][0-9][0-9]) ")
    message(FATAL_ERROR "packaging/debian/changelog: cannot read the maintainer and date of: ${_trailer}")
endif()
set(FAULTLINE_MAINTAINER "${CMAKE_MATCH_1}")
set(_months Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec)
list(FIND _months ${CMAKE_MATCH_3} _month)
math(EXPR _month "${_month} + 1")
string(LENGTH "${CMAKE_MATCH_2}" _day_digits)
set(_day ${CMAKE_MATCH_2})
if(_day_digits EQUAL 1)
    set(_day 0${_day})
endif()
if(_month LESS 10)
    set(_month 0${_month})
endif()
set(FAULTLINE_RELEASE_DATE ${CMAKE_MATCH_4}-${_month}-${_day})
file(READ ${_pkg}/linux/${FAULTLINE_APP_ID}.metainfo.xml.in _metainfo)
if(NOT _metainfo MATCHES "<release version=\"([^\"]+)\" date=\"([^\"]+)\""
   OR NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION OR NOT CMAKE_MATCH_2 STREQUAL FAULTLINE_RELEASE_DATE)
    message(FATAL_ERROR "packaging/linux/${FAULTLINE_APP_ID}.metainfo.xml.in: the first release must be "
                        "version ${PROJECT_VERSION}, date ${FAULTLINE_RELEASE_DATE} (as in the changelog)")
endif()

# --- Files made at build time.
find_program(FAULTLINE_RSVG_CONVERT rsvg-convert REQUIRED DOC "rsvg-convert (Debian: librsvg2-bin), draws the PNG icons")
find_program(FAULTLINE_AWK NAMES awk mawk gawk REQUIRED DOC "awk, turns --help into the manual page")
find_program(FAULTLINE_GZIP gzip REQUIRED DOC "gzip, compresses the manual page and the changelog")
set(_generated)

set(_icon ${PROJECT_SOURCE_DIR}/resources/icons/faultline.svg)
foreach(size 16 24 32 48 64 128 256 512)
    set(_png ${_out}/icons/${size}x${size}/apps/${FAULTLINE_APP_ID}.png)
    add_custom_command(OUTPUT ${_png}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${_out}/icons/${size}x${size}/apps
        COMMAND ${FAULTLINE_RSVG_CONVERT} --width=${size} --height=${size} --output=${_png} ${_icon}
        DEPENDS ${_icon}
        COMMENT "Drawing the ${size}x${size} icon"
        VERBATIM)
    list(APPEND _generated ${_png})
endforeach()

add_custom_command(OUTPUT ${_out}/faultline.1 ${_out}/faultline.1.gz
    COMMAND ${CMAKE_COMMAND} -DFAULTLINE=$<TARGET_FILE:faultline> -DAWK=${FAULTLINE_AWK}
            -DGZIP=${FAULTLINE_GZIP} -DSCRIPT=${_pkg}/help2man.awk -DOUTPUT=${_out}/faultline.1
            -DVERSION=${PROJECT_VERSION} -DDATE=${FAULTLINE_RELEASE_DATE} "-DSUMMARY=${PROJECT_DESCRIPTION}"
            -P ${_pkg}/manpage.cmake
    DEPENDS faultline ${_pkg}/help2man.awk ${_pkg}/manpage.cmake
    COMMENT "Writing the faultline(1) manual page from faultline --help"
    VERBATIM)
list(APPEND _generated ${_out}/faultline.1.gz)

add_custom_command(OUTPUT ${_out}/changelog.gz
    COMMAND ${CMAKE_COMMAND} -E copy ${_pkg}/debian/changelog ${_out}/changelog
    COMMAND ${FAULTLINE_GZIP} -9nf ${_out}/changelog
    DEPENDS ${_pkg}/debian/changelog
    VERBATIM)
list(APPEND _generated ${_out}/changelog.gz)

configure_file(${_pkg}/linux/${FAULTLINE_APP_ID}.metainfo.xml.in ${_out}/${FAULTLINE_APP_ID}.metainfo.xml @ONLY)
add_custom_target(faultline_desktop_files ALL DEPENDS ${_generated})

# --- Install rules (freedesktop.org locations under DATADIR).
install(TARGETS faultline RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${_pkg}/linux/${FAULTLINE_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${_out}/${FAULTLINE_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${_pkg}/linux/${FAULTLINE_APP_ID}.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages)
install(FILES ${_icon} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME ${FAULTLINE_APP_ID}.svg)
install(DIRECTORY ${_out}/icons/ DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor FILES_MATCHING PATTERN "*.png")
install(FILES ${_out}/faultline.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# Debian's place for them; named after the package, not the project.
install(FILES ${_out}/changelog.gz ${_pkg}/debian/copyright DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/faultline)

# --- The Debian package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME faultline)
set(CPACK_PACKAGE_VENDOR "Faultline contributors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION_FILE ${_pkg}/debian/description)
set(CPACK_PACKAGE_HOMEPAGE_URL ${FAULTLINE_HOMEPAGE})
set(CPACK_PACKAGE_CONTACT "${FAULTLINE_MAINTAINER}")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Directories made while staging follow Debian's 0755, whatever the builder's umask.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${FAULTLINE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The libraries the binary links (SQLite among them) come from dpkg-shlibdeps. Added by hand,
# what it loads or reads by name: Qt's platform plugins (the window) and the flags. Not
# iso-codes: its country table is copied in at build time.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, iso-flags-svg")
include(CPack)
