#!/usr/bin/env bash
# Builds limitlab-nginx:bookworm with no registry: Debian bookworm's nginx, by debootstrap --variant=minbase
# --include=nginx from the Debian mirror build-debian-image.sh finds (its --print-mirror), then `docker import`.
# Made for a hardened container: it runs as 65534:65534 on a read-only root, and writes only under /tmp (pid file,
# temp paths), so run it with a writable tmpfs there, e.g.
#   docker run --read-only --tmpfs /tmp:mode=1777 --user 65534:65534 --network none limitlab-nginx:bookworm
# It listens on 8080 (no privileged port, so no capability), answers /healthz with "ok" and / with a static page,
# logs errors to stderr and keeps no access log. Labelled limitlab.image=nginx.
# Does nothing when the image is already on the engine, unless --force. Prints the time taken and the sizes.
# Exit 0: the image is there. Exit 1: debootstrap or import failed. Exit 2: bad option.
# Exit 3: not root, no Debian mirror configured, or no engine (one line on stderr).
set -euo pipefail

image=limitlab-nginx:bookworm
suite=bookworm
port=8080

usage() { echo "usage: $0 [--force]" >&2; }
force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-nginx-image: unknown option '$arg'" >&2; usage; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One place knows how to read apt's sources: the Debian image's script (it exits 3 with its own message).
mirror="$("$root/scripts/build-debian-image.sh" --print-mirror)"

if [ "$(id -u)" -ne 0 ]; then
  echo "build-nginx-image: debootstrap must run as root; run this script as root (e.g. with sudo)" >&2
  exit 3
fi
"$root/scripts/ensure-docker.sh"

if [ "$force" -eq 0 ] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "build-nginx-image: $image is already on the engine (--force rebuilds it)"
  exit 0
fi
command -v debootstrap >/dev/null 2>&1 || {
  echo "build-nginx-image: debootstrap is missing (apt-get install debootstrap)" >&2
  exit 3
}

started=$SECONDS
work="$(mktemp -d "${TMPDIR:-/var/tmp}/limitlab-nginx.XXXXXX")"
rootfs="$work/rootfs"
# debootstrap mounts /proc and /sys in the target while it works: unmount them, and never delete across a mount.
trap '{ grep -o " $rootfs/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l; } 2>/dev/null || true
  rm -rf --one-file-system "$work"' EXIT

echo "build-nginx-image: debootstrap --variant=minbase --include=nginx $suite from $mirror" >&2
if ! debootstrap --variant=minbase --include=nginx "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
  echo "build-nginx-image: debootstrap failed; its last lines:" >&2
  tail -n 15 "$work/debootstrap.log" >&2
  exit 1
fi
# Of no use offline, or to a server: downloaded packages, apt's lists, documentation.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*

# No user directive (a non-root master cannot switch users) and nothing written outside /tmp.
cat >"$rootfs/etc/nginx/nginx.conf" <<CONF
worker_processes 1;
pid /tmp/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nodelay on;
  keepalive_timeout 75s;
  keepalive_requests 1000000;
  client_body_temp_path /tmp/client_body;
  proxy_temp_path /tmp/proxy;
  fastcgi_temp_path /tmp/fastcgi;
  uwsgi_temp_path /tmp/uwsgi;
  scgi_temp_path /tmp/scgi;
  server {
    listen $port;
    server_name _;
    root /usr/share/nginx/html;
    location = /healthz { default_type text/plain; return 200 "ok\n"; }
    location / { index index.html; }
  }
}
CONF
mkdir -p "$rootfs/usr/share/nginx/html"
cat >"$rootfs/usr/share/nginx/html/index.html" <<'HTML'
<!doctype html>
<html><head><meta charset="utf-8"><title>limitlab nginx</title></head>
<body><p>A static page served by Debian's nginx for limitlab's service workload.</p></body></html>
HTML
rootfs_size="$(du -sh --one-file-system "$rootfs" | cut -f1)"

# -e stderr: nginx opens its compiled-in error log (/var/log/nginx) before it reads the configuration.
tar --numeric-owner -C "$rootfs" -c . | docker import \
  --change 'LABEL limitlab.image=nginx' \
  --change 'USER 65534:65534' \
  --change "EXPOSE $port" \
  --change 'CMD ["/usr/sbin/nginx", "-e", "stderr", "-g", "daemon off;"]' \
  - "$image" >/dev/null
image_bytes="$(docker image inspect --format '{{.Size}}' "$image")"
echo "build-nginx-image: built $image in $((SECONDS - started)) s: root filesystem $rootfs_size, image $((image_bytes / 1000000)) MB"
