# Compiler flags shared by every target of the project.
add_library(bhxh_warnings INTERFACE)
target_compile_options(bhxh_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  $<$<BOOL:${BHXH_WARNINGS_AS_ERRORS}>:-Werror>)

# What a test that probes cameras needs under the sanitizers: OpenCV's gPhoto2 backend loads
# libgphoto2's USB port driver, which leaks and is unloaded before the leak report; only a full
# unwind at each allocation names the library for tests/sanitizers/lsan.supp (4x slower, so only
# for those tests).
set(BHXH_CAMERA_PROBE_ENV "")
if(BHXH_SANITIZE)
  set(BHXH_CAMERA_PROBE_ENV "ASAN_OPTIONS=fast_unwind_on_malloc=0")
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
