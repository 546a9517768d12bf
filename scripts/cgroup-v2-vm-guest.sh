#!/bin/sh
# Runs inside the VM of scripts/cgroup-v2-vm.sh (from its payload disk): the v2 suite once per cgroup
# driver, each against a dockerd of its own start. Usage: cgroup-v2-vm-guest.sh PAYLOAD_DIR RESULTS_DIR
payload="$1"; results="$2"; status=0
say() { echo "limitlab-vm: $*"; }
modprobe overlay
say "kernel $(uname -r), $(stat -fc %T /sys/fs/cgroup) on /sys/fs/cgroup, $(nproc) CPUs, $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) MiB"
for driver in systemd cgroupfs; do
  mkdir -p "$results/$driver"
  started=$(date +%s)
  dockerd --exec-opt native.cgroupdriver=$driver --bridge=none --iptables=false --ip-masq=false \
    --storage-driver=overlay2 >"$results/$driver/dockerd.log" 2>&1 &
  dockerd_pid=$!
  i=0; until docker info >/dev/null 2>&1; do i=$((i+1)); [ $i -gt 600 ] && break; sleep 0.2; done
  say "dockerd ($driver driver) answered in $(( $(date +%s) - started )) s"
  if [ "$driver" = systemd ]; then
    docker load -q -i "$payload/images.tar" || status=1
    quickstart="--quickstart $payload/scenarios/quickstart.yaml"
  else
    quickstart=""
  fi
  started=$(date +%s)
  # shellcheck disable=SC2086 # $quickstart is two words or none
  java -XX:TieredStopAtLevel=1 -cp "$payload/limitlab.jar:$payload/test-classes" dev.limitlab.engine.CgroupV2VmSuite \
    run --driver $driver --results "$results/$driver" --image "$(cat "$payload/agent-image")" $quickstart || status=1
  say "suite ($driver driver) took $(( $(date +%s) - started )) s"
  kill "$dockerd_pid"; wait "$dockerd_pid"
done
exit $status
