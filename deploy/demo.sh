#!/usr/bin/env bash
# The demo from a clean clone: installs the Debian packages, builds the release preset and opens
# the console. Without a display (a server, CI) it runs the console under Xvfb, saves a
# screenshot to build/release/demo/ and exits.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup.sh
cmake --preset release
cmake --build --preset release

app=build/release/bhxh-desk
demo_dir=build/release/demo
mkdir -p "$demo_dir"
cat > "$demo_dir/config.toml" <<TOML
[paths]
data_dir = "$PWD/$demo_dir/data"
log_dir = "$PWD/$demo_dir/log"
TOML

if [ -n "${DISPLAY:-}" ]; then
  exec "$app" --config "$demo_dir/config.toml" "$@"
fi

echo "No display: running the console under Xvfb for a screenshot."
shot="$PWD/$demo_dir/screenshot.png"
xvfb-run -a -s '-screen 0 1600x900x24' bash -c '
  "$1" --config "$2" & pid=$!
  for _ in $(seq 1 50); do xdotool search --onlyvisible --name BHXH >/dev/null 2>&1 && break; sleep 0.2; done
  sleep 2; import -window root "$3"; kill $pid; wait $pid' _ "$app" "$demo_dir/config.toml" "$shot"
echo "Screenshot: $shot"
