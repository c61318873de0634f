# bhxh_module(NAME <name> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# One static library per module: target bhxh_<name>, alias bhxh::<name>.
# Headers are included as "<name>/file.h" from modules/. A module sees only what it links, so
# the domain modules (which link no imgui/OpenCV/curl/sqlite/ZXing target) cannot include them.
function(bhxh_module)
  cmake_parse_arguments(M "" "NAME" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(bhxh_${M_NAME} STATIC ${M_SOURCES})
  add_library(bhxh::${M_NAME} ALIAS bhxh_${M_NAME})
  target_include_directories(bhxh_${M_NAME} PUBLIC "${PROJECT_SOURCE_DIR}/modules")
  target_link_libraries(bhxh_${M_NAME} PUBLIC ${M_PUBLIC_DEPS} PRIVATE bhxh_warnings ${M_PRIVATE_DEPS})
endfunction()

# bhxh_unit_test(NAME <name> SOURCES ... DEPS ... [LABELS ...])
# A Catch2 executable whose TEST_CASEs ctest discovers one by one.
function(bhxh_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Catch2::Catch2WithMain bhxh_warnings ${T_DEPS})
  target_include_directories(${T_NAME} PRIVATE "${PROJECT_SOURCE_DIR}/tests/support")
  target_compile_definitions(${T_NAME} PRIVATE
    BHXH_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    BHXH_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  catch_discover_tests(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
endfunction()
