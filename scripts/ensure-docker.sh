#!/usr/bin/env bash
# Makes sure a Docker engine answers. Does nothing when one already does; as root on Debian/Ubuntu it
# installs Debian's docker.io and starts dockerd without a bridge (workloads run with network none).
# Exit 0: an engine answers. Exit 3: none, and this script cannot start one.
set -euo pipefail

log=${LIMITLAB_DOCKERD_LOG:-/var/log/limitlab-dockerd.log}
socket=/var/run/docker.sock

engine_answers() { command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; }

if engine_answers; then
  exit 0
fi

if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST#unix://}" = "$DOCKER_HOST" ]; then
  echo "ensure-docker: DOCKER_HOST=$DOCKER_HOST does not answer; start that engine or unset DOCKER_HOST" >&2
  exit 3
fi

debian_like() { [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release; }
if [ "$(id -u)" -ne 0 ] || ! debian_like; then
  echo "ensure-docker: no Docker engine answers; start one (e.g. 'sudo systemctl start docker') or run this script as root on Debian/Ubuntu" >&2
  exit 3
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "ensure-docker: installing docker.io from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker.io >/dev/null
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "ensure-docker: starting dockerd (log: $log)" >&2
  mkdir -p "$(dirname "$log")"
  # setsid: the daemon outlives this script and the caller's process group.
  setsid dockerd --bridge=none --iptables=false >>"$log" 2>&1 </dev/null &
fi

for _ in $(seq 1 60); do
  if [ -S "$socket" ] && engine_answers; then
    exit 0
  fi
  sleep 1
done
echo "ensure-docker: dockerd did not answer within 60 s; see $log" >&2
exit 3
