#!/usr/bin/env bash
# limitlab's own performance against a real engine, in one command (about 13 minutes): per-trial overhead, a
# matrix's wall time, the same trials by the docker CLI (scripts/bench-cli-reference.sh), its own CPU time at
# 100 ms and 1 s sampling, OOM/death detection latency, CPU and restart fidelity, pinned parallel trials, and a
# --cpus found three ways (a grid, the per-trial search, the in-place search).
# Prints a table and writes results/bench/<UTC timestamp>.json; `scripts/bench.sh --help` for the options.
# Run it on a quiet host: the load average at the start is recorded, with a warning above 1.0.
# bin/limitlab builds the jar when needed and makes sure an engine answers, and runs the bench with the JVM
# options limitlab itself runs with.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec bin/limitlab bench "$@"
