# bhxh_module(NAME <name> SOURCES ... [HEADER_DIR <dir>] [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# One static library per module: target bhxh_<name>, alias bhxh::<name>.
#
# The include fence. Headers are included as "<folder>/file.h" (e.g. "declarations/decision.h",
# "declarations/adapters/desk_token.h"), but no target sees modules/ as a whole: each module gets
# its own include root in the build tree, <build>/include_roots/<name>/, holding a link to each of
# its own headers (the *.h of HEADER_DIR, default the module's folder itself, not its sub-folders)
# and nothing else. That root is the module's PUBLIC include directory, so a target sees the
# headers of itself and of the modules it links (PUBLIC_DEPS pass on to whoever links it), and a
# header of a module it does not declare is "file not found". A domain module adds no third-party
# include path (only OpenCV, ImGui, cairo and fontconfig have one, on the adapters that link them);
# the third-party headers that sit on the compiler's default path (sqlite3.h, curl/, ZXing/,
# sodium.h, ...) are fenced by the structure.includes test (tests/support/include_check.py), which
# reads these bhxh_module() calls. See docs/architecture.md, "Modules".
function(bhxh_module)
  cmake_parse_arguments(M "" "NAME;HEADER_DIR" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(bhxh_${M_NAME} STATIC ${M_SOURCES})
  add_library(bhxh::${M_NAME} ALIAS bhxh_${M_NAME})

  get_filename_component(folder "${CMAKE_CURRENT_SOURCE_DIR}" NAME)
  set(prefix "${folder}")
  set(header_dir "${CMAKE_CURRENT_SOURCE_DIR}")
  if(M_HEADER_DIR)
    set(prefix "${folder}/${M_HEADER_DIR}")
    set(header_dir "${CMAKE_CURRENT_SOURCE_DIR}/${M_HEADER_DIR}")
  endif()
  set(root "${PROJECT_BINARY_DIR}/include_roots/${M_NAME}")
  # Made anew at each configure, so a deleted header does not linger; a new header re-runs CMake.
  file(REMOVE_RECURSE "${root}")
  file(MAKE_DIRECTORY "${root}/${prefix}")
  file(GLOB headers CONFIGURE_DEPENDS "${header_dir}/*.h")
  foreach(header IN LISTS headers)
    get_filename_component(file_name "${header}" NAME)
    file(CREATE_LINK "${header}" "${root}/${prefix}/${file_name}" SYMBOLIC)
  endforeach()

  target_include_directories(bhxh_${M_NAME} PUBLIC "${root}")
  target_link_libraries(bhxh_${M_NAME} PUBLIC ${M_PUBLIC_DEPS} PRIVATE bhxh_warnings ${M_PRIVATE_DEPS})
endfunction()

# bhxh_unit_test(NAME <name> SOURCES ... DEPS ... [LABELS ...] [ENVIRONMENT ...])
# A Catch2 executable whose TEST_CASEs ctest discovers one by one, each run with ENVIRONMENT.
function(bhxh_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;DEPS;LABELS;ENVIRONMENT" ${ARGN})
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Catch2::Catch2WithMain bhxh_warnings ${T_DEPS})
  target_include_directories(${T_NAME} PRIVATE "${PROJECT_SOURCE_DIR}/tests/support")
  target_compile_definitions(${T_NAME} PRIVATE
    BHXH_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    BHXH_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  if(T_ENVIRONMENT)
    catch_discover_tests(${T_NAME} PROPERTIES LABELS "${T_LABELS}" ENVIRONMENT "${T_ENVIRONMENT}")
  else()
    catch_discover_tests(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
  endif()
endfunction()
