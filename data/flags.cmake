# Country flags that Qt SVG (Qt 6.4) draws wrongly, drawn at build time by rsvg-convert from
# iso-flags-svg and embedded in the core as :/flags/xx.png. Qt SVG lacks clipPath and a few other
# features: Georgia becomes a red field, Pitcairn and Jersey lose their shapes. FlagCache uses
# these images for its default directory and draws every other flag from its SVG with Qt SVG,
# which is sharper at small sizes than scaling a picture down. tst_flagcache compares every flag
# FlagCache draws with rsvg-convert's drawing and names any that differ: add those here.
# 160 x 120 is twice the largest size drawn (the 20 x 15 flag box of a vector export, at 4x).
set(FAULTLINE_FLAGS_DRAWN_AT_BUILD ae af aq ax ba ge gg hn je me pn)
set(FAULTLINE_FLAG_SVG_DIR /usr/share/iso-flags-svg/country-4x3 CACHE PATH "iso-flags-svg 4:3 country flags")
if(NOT IS_DIRECTORY ${FAULTLINE_FLAG_SVG_DIR})
    message(FATAL_ERROR "iso-flags-svg not found at ${FAULTLINE_FLAG_SVG_DIR} (Debian package iso-flags-svg)")
endif()
find_program(FAULTLINE_RSVG_CONVERT rsvg-convert REQUIRED
    DOC "rsvg-convert (Debian: librsvg2-bin), draws some flags and the PNG icons")

set(_flag_dir ${CMAKE_CURRENT_BINARY_DIR}/flags)
set(_flag_pngs)
foreach(_code ${FAULTLINE_FLAGS_DRAWN_AT_BUILD})
    set(_svg ${FAULTLINE_FLAG_SVG_DIR}/${_code}.svg)
    if(NOT EXISTS ${_svg})
        message(FATAL_ERROR "${_svg} not found (Debian package iso-flags-svg)")
    endif()
    set(_png ${_flag_dir}/${_code}.png)
    add_custom_command(OUTPUT ${_png}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${_flag_dir}
        COMMAND ${FAULTLINE_RSVG_CONVERT} --width=160 --height=120 --format=png --output=${_png} ${_svg}
        DEPENDS ${_svg}
        VERBATIM)
    list(APPEND _flag_pngs ${_png})
endforeach()

qt_add_resources(faultline_core faultline_flags
    PREFIX /flags
    BASE ${_flag_dir}
    FILES ${_flag_pngs}
)
