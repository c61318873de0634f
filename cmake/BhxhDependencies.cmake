# Every third-party library comes from Debian's packages (deploy/setup.sh installs them).
# Each one is an imported target here, so that a module names exactly what it may see.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)       # includes the GLFW + OpenGL3 backends
pkg_check_modules(GLFW REQUIRED IMPORTED_TARGET glfw3)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
find_package(OpenGL REQUIRED)
find_package(OpenCV 4 REQUIRED COMPONENTS core imgproc imgcodecs videoio dnn)
find_package(ZXing REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(spdlog REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
if(BHXH_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
