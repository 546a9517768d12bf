#!/usr/bin/env bash
# The reference limitlab's speed is compared with: trials driven by the docker CLI alone, as a shell loop
# would drive them. Each trial is `docker run -d` with the given flags, `docker inspect` polled until the
# container has exited for good or its time is up, then `docker rm -f`. All it sees is the engine's state at
# the last poll: status, exit code, OOMKilled and RestartCount; no CPU, memory or event timeline.
#
# usage: scripts/bench-cli-reference.sh [--trials N] [--duration-ms MS] [--poll-ms MS] [--name PREFIX]
#                                       [--label KEY=VALUE]... -- DOCKER_RUN_FLAGS... IMAGE [COMMAND...]
# e.g.   scripts/bench-cli-reference.sh --trials 3 --duration-ms 1000 -- --cpus 0.5 --network none busybox sleep 5
#
# Prints one JSON line per trial, times as the shell's clock read them (seconds since the epoch):
#   {"trial":1,"runCalled":..,"started":..,"stopCalled":..,"removed":..,"polls":9,"status":"running",
#    "exitCode":0,"oomKilled":false,"restartCount":0}
# `started` is when `docker run -d` returned; the trial's time counts from then, as limitlab's does.
set -euo pipefail
export LC_ALL=C # EPOCHREALTIME with a decimal point

trials=1 duration_ms=10000 poll_ms=100 prefix="limitlab-cli-$$" labels=()
while [ $# -gt 0 ]; do
  case "$1" in
    --trials) trials=$2; shift 2 ;;
    --duration-ms) duration_ms=$2; shift 2 ;;
    --poll-ms) poll_ms=$2; shift 2 ;;
    --name) prefix=$2; shift 2 ;;
    --label) labels+=(--label "$2"); shift 2 ;;
    --) shift; break ;;
    *) echo "bench-cli-reference: unknown option $1 (see the usage at the top of this script)" >&2; exit 2 ;;
  esac
done
if [ $# -eq 0 ]; then
  echo "bench-cli-reference: expected -- then docker run flags, an image and a command" >&2
  exit 2
fi

now_us() { local t=$EPOCHREALTIME; echo $((10#${t/./})); }
seconds() { printf '%d.%06d' $(($1 / 1000000)) $(($1 % 1000000)); }
poll_us=$((poll_ms * 1000))

for trial in $(seq 1 "$trials"); do
  name="$prefix-$trial"
  run_called=$(now_us)
  docker run -d --name "$name" "${labels[@]}" "$@" >/dev/null
  started=$(now_us)
  deadline=$((started + duration_ms * 1000))
  polls=0 state="unknown 0 false 0"
  while :; do
    state=$(docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}} {{.RestartCount}}' "$name")
    polls=$((polls + 1))
    # exited for good: "restarting" and a running container between restarts are not the end
    case "$state" in exited*|dead*) break ;; esac
    left=$((deadline - $(now_us)))
    [ "$left" -gt 0 ] || break
    sleep "$(seconds $((left < poll_us ? left : poll_us)))"
    [ "$(now_us)" -lt "$deadline" ] || break # time is up: stop without another look
  done
  stop_called=$(now_us)
  docker rm -f "$name" >/dev/null
  removed=$(now_us)
  read -r status exit_code oom_killed restart_count <<<"$state"
  printf '{"trial":%d,"runCalled":%s,"started":%s,"stopCalled":%s,"removed":%s,"polls":%d,"status":"%s","exitCode":%d,"oomKilled":%s,"restartCount":%d}\n' \
    "$trial" "$(seconds "$run_called")" "$(seconds "$started")" "$(seconds "$stop_called")" "$(seconds "$removed")" \
    "$polls" "$status" "$exit_code" "$oom_killed" "$restart_count"
done
