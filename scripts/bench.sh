#!/usr/bin/env bash
# limitlab's own performance against a real engine, in one command (a few minutes): per-trial overhead, a
# matrix's wall time, the same trials by the docker CLI (scripts/bench-cli-reference.sh), its own CPU time at
# 100 ms and 1 s sampling, OOM/death detection latency, CPU and restart fidelity, pinned parallel trials.
# Prints a table and writes results/bench/<UTC timestamp>.json. Options: see `scripts/bench.sh --help`.
# Run it on a quiet host: the load average at the start is recorded, with a warning above 1.0.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar="target/limitlab.jar"

if [ ! -f "$jar" ] || [ -n "$(find pom.xml src/main -newer "$jar" -print -quit)" ]; then
  echo "bench: building $jar" >&2
  mvn -B -q -DskipTests package >&2
fi
scripts/ensure-docker.sh

exec java -cp "$jar" dev.limitlab.bench.Bench "$@"
