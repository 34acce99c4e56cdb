# faultline_add_test(tst_name LIBS lib... LABELS label... [TIMEOUT s])
# One executable per test source, registered with CTest on the offscreen platform.
function(faultline_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "LIBS;LABELS;SOURCES" ${ARGN})
    qt_add_executable(${name} ${name}.cpp ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES
        LABELS "${ARG_LABELS}"
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;FAULTLINE_SOURCE_DIR=${PROJECT_SOURCE_DIR};FAULTLINE_SHARED_DIR=${PROJECT_SOURCE_DIR}/../shared;TZ=UTC")
endfunction()
