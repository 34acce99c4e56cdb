# Writes the faultline(1) manual page from `faultline --help`; run by the build as
#   cmake -DFAULTLINE=bin -DAWK=awk -DGZIP=gzip -DSCRIPT=help2man.awk -DOUTPUT=faultline.1
#         -DVERSION=x.y.z -DDATE=YYYY-MM-DD -DSUMMARY=text -P manpage.cmake
# and leaves OUTPUT and OUTPUT.gz. The help text names the default document under the user's
# home, so it is asked for with HOME=~ and no XDG_DATA_HOME: the page says ~/.local/share/...,
# not the builder's home. (Leak checking is off in case the binary is a sanitizer build.)
execute_process(
    COMMAND ${CMAKE_COMMAND} -E env --unset=XDG_DATA_HOME HOME=~ ASAN_OPTIONS=detect_leaks=0 ${FAULTLINE} --help
    COMMAND ${AWK} -v version=${VERSION} -v date=${DATE} -v "summary=${SUMMARY}" -f ${SCRIPT}
    OUTPUT_FILE ${OUTPUT}
    RESULTS_VARIABLE results)
foreach(result IN LISTS results)
    if(NOT result EQUAL 0)
        file(REMOVE ${OUTPUT})
        message(FATAL_ERROR "manpage.cmake: '${FAULTLINE} --help | awk -f ${SCRIPT}' failed: ${results}")
    endif()
endforeach()
execute_process(COMMAND ${GZIP} -9nkf ${OUTPUT} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "manpage.cmake: gzip ${OUTPUT} failed")
endif()
