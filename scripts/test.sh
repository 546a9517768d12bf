#!/usr/bin/env bash
# The project's test command: an engine (integration tests create real containers), then unit and
# integration tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/ensure-docker.sh
mvn -B verify "$@"
