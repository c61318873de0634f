#!/usr/bin/env bash
# The whole test suite from a clean clone: installs the Debian packages, builds with the `ci`
# preset (optimised, warnings are errors) and runs every test: unit, integration and the real
# window under Xvfb. Screenshots of the end-to-end tests land in build/ci/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup.sh
cmake --preset ci
cmake --build --preset ci
ctest --preset ci
