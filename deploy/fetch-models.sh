#!/usr/bin/env bash
# Fetches the face models (npm package faceplugin-face-recognition-js@0.0.1), checks the tarball
# and each model file against deploy/models/face-models.sha256, and installs them into
#   $BHXH_MODELS_DIR, else /usr/local/share/bhxh-desk/models as root,
#   else ${XDG_DATA_HOME:-~/.local/share}/bhxh-desk/models.
# The app looks in the same place by default (config key face.models_dir).
# Idempotent: does nothing when every installed file already has its pinned hash.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sums="$here/models/face-models.sha256"
package="faceplugin-face-recognition-js@0.0.1"
tarball="faceplugin-face-recognition-js-0.0.1.tgz"
models=(fr_detect.onnx fr_landmark.onnx fr_feature.onnx fr_liveness.onnx)

if [ -n "${BHXH_MODELS_DIR:-}" ]; then
  dest="$BHXH_MODELS_DIR"
elif [ "$(id -u)" -eq 0 ]; then
  dest=/usr/local/share/bhxh-desk/models
else
  dest="${XDG_DATA_HOME:-$HOME/.local/share}/bhxh-desk/models"
fi

pinned() { awk -v f="$1" '$2 == f { print $1 }' "$sums"; }
actual() { sha256sum "$1" | awk '{ print $1 }'; }

all_ok=1
for m in "${models[@]}"; do
  if [ ! -f "$dest/$m" ] || [ "$(actual "$dest/$m")" != "$(pinned "$m")" ]; then all_ok=0; fi
done
if [ "$all_ok" -eq 1 ]; then
  echo "face models: up to date in $dest"
  exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "face models: npm is missing (deploy/setup.sh installs it)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
if [ "$(actual "$work/$tarball")" != "$(pinned "$tarball")" ]; then
  echo "face models: $tarball does not match its pinned sha256; not installing" >&2
  exit 1
fi
tar -xzf "$work/$tarball" -C "$work"
for m in "${models[@]}"; do
  if [ ! -f "$work/package/model/$m" ]; then
    echo "face models: $m is missing from $tarball" >&2; exit 1
  fi
  if [ "$(actual "$work/package/model/$m")" != "$(pinned "$m")" ]; then
    echo "face models: $m does not match its pinned sha256; not installing" >&2; exit 1
  fi
done
mkdir -p "$dest"
for m in "${models[@]}"; do
  install -m 0644 "$work/package/model/$m" "$dest/$m.tmp"
  mv -f "$dest/$m.tmp" "$dest/$m"
done
echo "face models: installed into $dest"
