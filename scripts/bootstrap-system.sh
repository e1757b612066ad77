#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the project needs and does not have yet: the cairo and pango
# headers and pkg-config (pycairo and manimpango build from source), espeak-ng (the offline narration
# voice, Vietnamese and English), a C compiler, Python headers and venv; with --browser also Debian's chromium and chromium-driver (for the tests that play the clips in a
# real browser), Node.js with npm when there is no node (the checkers the tests run: `make checkers`) and openssl (the certificates of the test's TLS Dask scheduler), with --bench Debian's ffmpeg (the benchmark's floor). Uses sudo when not root. Does nothing when everything is there already.
set -euo pipefail

need=()
for pkg in libcairo2-dev libpango1.0-dev pkg-config espeak-ng; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
command -v cc >/dev/null 2>&1 || need+=(gcc)
python3 - <<'PY' || need+=(python3-dev)
import os, sysconfig, sys
sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")) else 1)
PY
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
if [ "${1:-}" = "--browser" ]; then
  for pkg in chromium chromium-driver; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
  done
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  command -v npm >/dev/null 2>&1 || need+=(npm)
  command -v openssl >/dev/null 2>&1 || need+=(openssl)
fi
if [ "${1:-}" = "--bench" ]; then
  command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)  # the benchmark's floor: the ffmpeg command line
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
