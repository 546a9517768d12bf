#!/usr/bin/env bash
# Builds limitlab-debian:bookworm with no registry: debootstrap --variant=minbase from the Debian mirror this
# machine's apt is configured with, then `docker import` of the root filesystem. Does nothing when the image
# is already on the engine, unless --force. Prints the time taken and the sizes.
# --print-mirror prints the mirror it would use and exits.
# Exit 0: the image is there. Exit 1: debootstrap or import failed. Exit 2: bad option.
# Exit 3: not root, no Debian mirror configured, or no engine (one line on stderr).
set -euo pipefail

image=limitlab-debian:bookworm
suite=bookworm
# adduser is priority "important", so minbase leaves it out; the hardening examples need it.
include=adduser

usage() { echo "usage: $0 [--force] [--print-mirror]" >&2; }
force=0
print_mirror=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --print-mirror) print_mirror=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-debian-image: unknown option '$arg'" >&2; usage; exit 2 ;;
  esac
done

# The first enabled "deb" source that carries $suite, else the first whose URI ends in /debian: from the
# one-line format (sources.list, *.list) and the deb822 format (*.sources).
debian_mirror() {
  local files=()
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  local f
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && files+=("$f")
  done
  [ "${#files[@]}" -gt 0 ] || return 0
  awk -v suite="$suite" '
    function consider(uri, suites,   n, parts, i) {
      sub(/\/+$/, "", uri)
      n = split(suites, parts, /[ \t]+/)
      for (i = 1; i <= n; i++) if (parts[i] == suite && bySuite == "") bySuite = uri
      if (uri ~ /\/debian$/ && byPath == "") byPath = uri
    }
    function flush(   n, uris, i) {
      if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no") {
        n = split(uris822, uris, /[ \t]+/)
        for (i = 1; i <= n; i++) if (uris[i] != "") consider(uris[i], suites822)
      }
      types = ""; uris822 = ""; suites822 = ""; enabled = ""
    }
    FNR == 1 { flush() }
    /^[ \t]*#/ { next }
    FILENAME ~ /\.sources$/ {
      if ($0 ~ /^[ \t]*$/) { flush(); next }
      key = tolower($1); value = $0; sub(/^[^:]*:[ \t]*/, "", value)
      if (key == "types:") types = value
      else if (key == "uris:") uris822 = value
      else if (key == "suites:") suites822 = value
      else if (key == "enabled:") enabled = tolower(value)
      next
    }
    $1 == "deb" {
      i = 2
      if ($i ~ /^\[/) { while ($i !~ /\]$/ && i < NF) i++; i++ }
      consider($i, $(i + 1))
    }
    END { flush(); print (bySuite != "" ? bySuite : byPath) }
  ' "${files[@]}"
}

mirror="$(debian_mirror)"
if [ -z "$mirror" ]; then
  echo "build-debian-image: no Debian mirror in /etc/apt/sources.list or /etc/apt/sources.list.d/*.{list,sources}" >&2
  exit 3
fi
if [ "$print_mirror" -eq 1 ]; then
  echo "$mirror"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "build-debian-image: debootstrap must run as root; run this script as root (e.g. with sudo)" >&2
  exit 3
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/ensure-docker.sh"

if [ "$force" -eq 0 ] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "build-debian-image: $image is already on the engine (--force rebuilds it)"
  exit 0
fi

started=$SECONDS
work="$(mktemp -d "${TMPDIR:-/var/tmp}/limitlab-debian.XXXXXX")"
rootfs="$work/rootfs"
cleanup() {
  # debootstrap mounts /proc and /sys inside the target while it works: never delete through a mount.
  local mount
  for mount in $(awk -v dir="$rootfs" 'index($2, dir) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount -l "$mount" 2>/dev/null || true
  done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "build-debian-image: installing debootstrap" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq debootstrap; } >"$work/apt.log" 2>&1; then
    echo "build-debian-image: apt-get could not install debootstrap; its last lines:" >&2
    tail -n 15 "$work/apt.log" >&2
    exit 1
  fi
fi

echo "build-debian-image: debootstrap --variant=minbase --include=$include $suite from $mirror" >&2
if ! debootstrap --variant=minbase --include="$include" "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
  echo "build-debian-image: debootstrap failed; its last lines:" >&2
  tail -n 15 "$work/debootstrap.log" >&2
  exit 1
fi
# The downloaded .deb files and apt's lists are of no use offline; they are half the size.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
rootfs_size="$(du -sh --one-file-system "$rootfs" | cut -f1)"

tar --numeric-owner -C "$rootfs" -c . \
  | docker import --change 'LABEL limitlab.image=debian' --change 'CMD ["/bin/bash"]' - "$image" >/dev/null
image_bytes="$(docker image inspect --format '{{.Size}}' "$image")"
echo "build-debian-image: built $image in $((SECONDS - started)) s: root filesystem $rootfs_size, image $((image_bytes / 1000000)) MB"
