#!/usr/bin/env bash
# The demo from a clean clone: installs the Debian packages, builds the release preset and starts
# the whole stack on this machine:
#   - the reference portal (bhxh-portal) on a free loopback port, seeded with fictional citizens;
#   - SMS and e-mail spooled to folders (build/release/demo/spool/{sms,email}) instead of sent;
#   - the camera: the first webcam if there is one, else a video of seeded citizens' cards
#     (bhxh-demo-video), so the desk opens their declarations by itself;
#   - the counter's printer: an IPP Everywhere printer (ippeveprinter, cups-ipp-utils) on a free
#     loopback port that keeps every job's PDF in build/release/demo/printer-spool/, so F7 (the
#     receipt) and Ctrl+P on the dashboard (the day report) print somewhere you can look;
#   - the CCCD chip (as root): a virtual reader (a private pcscd with vsmartcard-vpcd) on which the
#     citizen's virtual card, signed by a test CSCA, is placed each time the desk opens a dossier
#     (deploy/demo_chip.py); without root the demo runs without the chip and says why;
#   - the console, with the demo clerk's id typed in (demo.clerk, password demo-clerk-pass) and an
#     administrator (demo.admin / demo-admin-pass) for the supervisor's screens.
# Closing the console stops the portal and the printer. Without a display it runs the console under Xvfb, saves
# build/release/demo/screenshot.png (BHXH_DEMO_SHOT_AFTER_S seconds after signing in, default 10) and exits.
set -euo pipefail
cd "$(dirname "$0")/.."

# BHXH_DEMO_PRESET=ci runs the demo on the developers' build instead of building the release preset.
preset=${BHXH_DEMO_PRESET:-release}
deploy/setup.sh
cmake --preset "$preset"
cmake --build --preset "$preset"

bin=build/$preset
demo=$PWD/$bin/demo
rm -rf "$demo"
mkdir -p "$demo/spool/sms" "$demo/spool/email"
chmod 700 "$demo"

# A fresh desk token for this run, known to the portal and the desk only (files, mode 0600).
token="demo-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
umask 077
printf '07916-D01 %s\n' "$token" > "$demo/portal-tokens"
printf '%s\n' "$token" > "$demo/desk-token"
umask 022

"$bin/bhxh-portal" --db "$demo/portal.sqlite3" --reset --tokens "$demo/portal-tokens" --listen 127.0.0.1 --port 0 \
  --seed 60 --seed-value 1 --office 07916 > "$demo/portal.out" 2> "$demo/portal.log" &
portal_pid=$!
trap 'kill "$portal_pid" 2>/dev/null || true; wait "$portal_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q '^listening on' "$demo/portal.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$demo/portal.out")
[ -n "$port" ] || { echo "demo: the portal did not start; see $demo/portal.log" >&2; exit 1; }

# The printer. ippeveprinter opens a DNS-SD client even with advertising off (-r off) and Debian's
# build reaches Avahi over the D-Bus system bus: a private dbus-daemon stands in for it.
mkdir -p -m 700 "$demo/printer-spool"
printer_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dbus-daemon --session --nofork --nopidfile --print-address=1 > "$demo/printer-bus" 2>/dev/null &
bus_pid=$!
for _ in $(seq 1 50); do [ -s "$demo/printer-bus" ] && break; sleep 0.1; done
DBUS_SYSTEM_BUS_ADDRESS=$(head -1 "$demo/printer-bus") /usr/sbin/ippeveprinter -k -d "$demo/printer-spool" \
  -f application/pdf -p "$printer_port" -r off -n localhost -s 60,0 "BHXH demo printer" > "$demo/printer.log" 2>&1 &
printer_pid=$!
printer_uri="ipp://localhost:$printer_port/ipp/print"

# The citizens' cards (QR payloads), for the demo video and the virtual chip.
"$bin/bhxh-portal" --seed 60 --seed-value 1 --office 07916 --print-qr > "$demo/qr.jsonl"

# The chip: the virtual reader, and a card placed for each dossier the desk opens.
# Debian's python3: the packages setup.sh installs (python3-cryptography, python3-asn1crypto) are its.
/usr/bin/python3 deploy/demo_chip.py --rig-dir "$demo/chip-rig" --csca-dir "$demo/csca" --qr "$demo/qr.jsonl" \
  --db "$demo/data/desk.sqlite" > "$demo/chip.out" 2> "$demo/chip.log" &
chip_pid=$!
trap 'kill "$portal_pid" "$printer_pid" "$bus_pid" "$chip_pid" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do
  grep -q '^ready ' "$demo/chip.out" 2>/dev/null && break
  kill -0 "$chip_pid" 2>/dev/null || break
  sleep 0.1
done
chip_socket=$(sed -n 's/^ready //p' "$demo/chip.out")
chip_section=""
if [ -n "$chip_socket" ]; then
  export PCSCLITE_CSOCK_NAME="$chip_socket"
  chip_section=$(printf '[chip]\nenabled = true\ncsca_dir = "%s"' "$demo/csca")
  chip_line="a virtual reader; each dossier the desk opens gets its citizen's card (log: $demo/chip.out)"
else
  chip_line="off — $(tr '\n' ' ' < "$demo/chip.log")"
fi

camera=0
if [ ! -e /dev/video0 ]; then camera="$demo/camera.avi"; fi
cat > "$demo/config.toml" <<TOML
[desk]
office_code = "07916"
desk_id = "D01"
[paths]
data_dir = "$demo/data"
log_dir = "$demo/log"
[portal]
base_url = "http://127.0.0.1:$port/api/desk/v1"
token_file = "$demo/desk-token"
sync_interval_s = 30
[camera]
source = "$camera"
fps = 15
[print]
printer_uri = "$printer_uri"
[sms]
driver = "spool"
spool_dir = "$demo/spool/sms"
[email]
driver = "spool"
spool_dir = "$demo/spool/email"
$chip_section
TOML

# Demo officers (passwords from stdin, as an install script would give them).
printf 'demo-admin-pass\n' | "$bin/bhxh-desk" --config "$demo/config.toml" officer add demo.admin \
  --name "Quản trị viên (demo)" --role admin > /dev/null
printf 'demo-clerk-pass\n' | "$bin/bhxh-desk" --config "$demo/config.toml" officer add demo.clerk \
  --name "Nguyễn Thị Lan (demo)" --role clerk --by demo.admin > /dev/null

# The desk's first pull, so the queue is full when the window opens.
"$bin/bhxh-desk" --config "$demo/config.toml" sync --once > /dev/null
if [ "$camera" != 0 ]; then
  # Cards of citizens whose declarations are still pending, register requests first.
  sqlite3 "$demo/data/desk.sqlite" \
    "SELECT dossier_no FROM declarations WHERE status = 'pending' ORDER BY request != 'register', dossier_no LIMIT 8" \
    > "$demo/camera-dossiers.txt"
  "$bin/bhxh-demo-video" --qr "$demo/qr.jsonl" --only "$demo/camera-dossiers.txt" --out "$camera" --cards 8 \
    --seconds 5 --gap 4 > /dev/null
fi

echo "Portal:  http://127.0.0.1:$port/api/desk/v1 (log: $demo/portal.log)"
echo "SMS:     $demo/spool/sms/"
echo "E-mail:  $demo/spool/email/"
echo "Camera:  $camera"
echo "Chip:    $chip_line"
echo "Printer: $printer_uri — printed jobs (PDF) land in $demo/printer-spool/ (log: $demo/printer.log)"
echo "Sign in: demo.clerk / demo-clerk-pass (supervisor screens: demo.admin / demo-admin-pass)"

if [ -n "${DISPLAY:-}" ]; then
  "$bin/bhxh-desk" --config "$demo/config.toml" --officer demo.clerk "$@"
  exit $?
fi

echo "No display: running the console under Xvfb for a screenshot."
shot="$demo/screenshot.png"
xvfb-run -a -s '-screen 0 1600x900x24' bash -c '
  "$1" --config "$2" --officer demo.clerk & pid=$!
  for _ in $(seq 1 50); do xdotool search --onlyvisible --name BHXH >/dev/null 2>&1 && break; sleep 0.2; done
  sleep 3; xdotool type --delay 40 demo-clerk-pass; xdotool keydown Return; sleep 0.1; xdotool keyup Return
  sleep "$4"; import -window root "$3"; kill $pid; wait $pid' _ "$bin/bhxh-desk" "$demo/config.toml" "$shot" \
  "${BHXH_DEMO_SHOT_AFTER_S:-10}"
echo "Screenshot: $shot"
