#!/usr/bin/env bash
# Builds limitlab-busybox:latest, a tiny image for `command` workloads and tests, with no registry:
# Debian's busybox-static binary and its applet links, imported with `docker import`.
# Does nothing when the image exists (--force rebuilds). Root on Debian/Ubuntu installs busybox-static if needed.
set -euo pipefail
image=limitlab-busybox:latest
if [ "${1:-}" != "--force" ] && docker image inspect "$image" >/dev/null 2>&1; then
  exit 0
fi
busybox=/bin/busybox
if ! file_is_static=$(ldd "$busybox" 2>&1) || ! grep -q "not a dynamic executable" <<<"$file_is_static"; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "build-busybox-image: needs Debian's busybox-static; run as root or install it" >&2
    exit 3
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/tmp"
cp "$busybox" "$root/bin/busybox"
for applet in sh dd echo cat sleep head tail true false ls id touch; do
  ln -s busybox "$root/bin/$applet"
done
tar -C "$root" -c . | docker import --change 'ENV PATH=/bin' --change 'LABEL limitlab.image=busybox' - "$image" >/dev/null
echo "built $image"
