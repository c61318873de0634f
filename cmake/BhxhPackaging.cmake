# Debian packages with CPack (cpack -G DEB in a build folder, after building):
#   bhxh-desk    the console, its assets, /etc/bhxh-desk/config.toml (a conffile), the desktop entry
#                and icon, the kiosk's systemd user unit, fetch-models.sh and the models' hashes
#   bhxh-portal  the reference portal server
# Library dependencies come from dpkg-shlibdeps (package dpkg-dev); the face models are a
# documented step after installing (/usr/share/doc/bhxh-desk/README.office).
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "bhxh-desk")
set(CPACK_PACKAGE_VENDOR "bhxh-desk project")
set(CPACK_PACKAGE_CONTACT "bhxh-desk maintainers <bhxh-desk@example.vn>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")
set(CPACK_WARN_ON_ABSOLUTE_INSTALL_DESTINATION OFF)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL desk portal)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_DESK_PACKAGE_NAME "bhxh-desk")
set(CPACK_COMPONENT_DESK_DESCRIPTION
    "Reception-desk console for BHXH district offices\n Scans CCCD/BHYT QR codes, opens the citizen's Form 01 (TK01) declaration, compares faces,\n records the clerk's decision locally first and sends it to the portal, SMS and e-mail.")
# A Vietnamese font is needed to show anything; npm fetches the face models (README.office).
set(CPACK_DEBIAN_DESK_PACKAGE_DEPENDS "fonts-noto-core | fonts-dejavu-core")
set(CPACK_DEBIAN_DESK_PACKAGE_RECOMMENDS "npm, ca-certificates")
# dpkg keeps an office's edits of these across upgrades.
if(BHXH_PACKAGE_SYSTEM_FILES)
  set(BHXH_DESK_CONTROL_DIR "${PROJECT_BINARY_DIR}/cpack-control/desk")
  file(MAKE_DIRECTORY "${BHXH_DESK_CONTROL_DIR}")
  file(WRITE "${BHXH_DESK_CONTROL_DIR}/conffiles" "/etc/bhxh-desk/config.toml\n")
  set(CPACK_DEBIAN_DESK_PACKAGE_CONTROL_EXTRA "${BHXH_DESK_CONTROL_DIR}/conffiles")
endif()

set(CPACK_DEBIAN_PORTAL_PACKAGE_NAME "bhxh-portal")
set(CPACK_COMPONENT_PORTAL_DESCRIPTION
    "Reference portal server for bhxh-desk (demo and tests)\n Implements the desk contract of the portal over HTTP with its own SQLite file.")

include(CPack)
