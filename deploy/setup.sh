#!/usr/bin/env bash
# Installs every Debian package bhxh-desk needs to build, test and run its demo.
# Non-interactive and idempotent: safe to run on a brand-new Debian 12 and again later.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config git ca-certificates ccache
  # libraries
  libimgui-dev libglfw3-dev libgl-dev libgl1-mesa-dri libsqlite3-dev sqlite3
  libzxing-dev libzbar-dev libopencv-dev libcurl4-openssl-dev catch2 nlohmann-json3-dev
  libspdlog-dev libfmt-dev libsodium-dev libcpp-httplib-dev libtomlplusplus-dev
  libcli11-dev libicu-dev
  # fonts the window uses (Noto Sans first, DejaVu as fallback)
  fonts-noto-core fonts-dejavu-core
  # fuzzing and sanitizers
  clang libclang-rt-14-dev
  # the window under Xvfb, screenshots and OCR checks in the end-to-end tests
  xvfb xauth xdotool x11-xserver-utils x11-utils xclip imagemagick tesseract-ocr tesseract-ocr-vie
  # test peers: SMTP server, video files for the camera stand-in
  python3 python3-aiosmtpd ffmpeg
  # the citizen's PDF receipt (cairo) and its checks (pdftotext, pdftoppm)
  libcairo2-dev poppler-utils
  # printing at the counter: libcups (IPP client); the tests' and the demo's printer is
  # ippeveprinter, given a private D-Bus bus (dbus) for its DNS-SD client
  libcups2-dev cups-ipp-utils dbus
  # packaging (cpack -G DEB with dpkg-shlibdeps) and checks of the kiosk and desktop files
  dpkg-dev file desktop-file-utils systemd
  # reference portal: a public-domain face photo (NASA, via scikit-image's sample data)
  python3-skimage
  # scan benchmark peer: OpenCV contrib (WeChatQRCode); zbar, the other peer, is the desk's own last resort
  libopencv-contrib-dev
  # the CCCD chip: PC/SC and OpenSSL for the desk; a private pcscd with the vpcd reader driver and
  # the virtual card's crypto (3DES, CMS) for the chip tests
  libpcsclite-dev libssl-dev pcscd vsmartcard-vpcd python3-cryptography python3-asn1crypto
)
# The face models come from the npm registry. Some images ship Node.js from elsewhere, whose
# npm clashes with Debian's package: only install Debian's npm when there is no npm at all.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Face models (npm package, sha256-pinned in deploy/models/face-models.sha256); idempotent.
"$(dirname "$0")/fetch-models.sh"
