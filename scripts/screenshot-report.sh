#!/usr/bin/env bash
# Opens a report.html in headless Chromium (Debian's chromium package) and saves a PNG screenshot, to check
# that its charts render. Usage: scripts/screenshot-report.sh results/<scenario>/<time>/report.html [out.png]
set -euo pipefail
report=$(readlink -f "${1:?usage: scripts/screenshot-report.sh REPORT.html [OUT.png]}")
out=$(readlink -f "${2:-${report%.html}.png}")
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "screenshot-report: needs Debian's chromium; install it or run as root" >&2
    exit 3
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# No network is reachable here: keep Chromium from trying.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1280,2400 --screenshot="$out" "file://$report" >/dev/null 2>&1
test -s "$out"
echo "$out"
