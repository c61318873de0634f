# Compiler flags shared by every target of the project.
add_library(bhxh_warnings INTERFACE)
target_compile_options(bhxh_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  $<$<BOOL:${BHXH_WARNINGS_AS_ERRORS}>:-Werror>)

if(BHXH_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
