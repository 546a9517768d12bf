#!/usr/bin/env bash
# limitlab's own performance against a real engine, in one command (about 13 minutes): per-trial overhead, a
# matrix's wall time, the same trials by the docker CLI (scripts/bench-cli-reference.sh), its own CPU time at
# 100 ms and 1 s sampling, OOM/death detection latency, CPU and restart fidelity, pinned parallel trials, the
# load driver against Debian's wrk on nginx, and a --cpus found three ways (a grid, the per-trial search, the
# in-place search), and whether trials beside a CPU hog on the host (and only those) are flagged disturbed
# (`--phases disturbance`). `--phases driver` runs one alone; `--phases` takes a comma list.
# Prints a table and writes results/bench/<UTC timestamp>.json; `scripts/bench.sh --help` for the options.
# Run it on a quiet host: the load average at the start is recorded, with a warning above 1.0.
# The driver phase needs wrk (installed here with apt-get when missing) and limitlab-nginx:bookworm (built here by
# scripts/build-nginx-image.sh when missing); both need root, as does its nsenter into nginx's network namespace.
# bin/limitlab builds the jar when needed and makes sure an engine answers, and runs the bench with the JVM
# options limitlab itself runs with.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The driver phase runs unless --phases names others.
driver=1
previous=
for arg in "$@"; do
  case "$arg" in
    --phases=*) phases="${arg#--phases=}" ;;
    *) [ "$previous" = --phases ] && phases="$arg" ;;
  esac
  previous="$arg"
done
if [ -n "${phases:-}" ] && [[ ",$phases," != *,driver,* ]]; then
  driver=0
fi

if [ "$driver" -eq 1 ]; then
  if ! command -v wrk >/dev/null 2>&1; then
    echo "bench: installing Debian's wrk for the driver phase" >&2
    apt-get install -y wrk >/dev/null
  fi
  scripts/build-nginx-image.sh >&2
fi
exec bin/limitlab bench "$@"
