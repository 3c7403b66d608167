#!/usr/bin/env bash
# What `npm run bench` needs beyond `npm install`, each step skipped when already done (seconds
# then): the Debian packages the tfjs-node build uses (scripts/install-system-deps.sh), the pinned
# MLflow 3.18.0 in .venv (the MLflow server, and the Python peers: MlflowClient, pyfunc, sklearn),
# and @tensorflow/tfjs-node's library and addon (a dev dependency, so loadModel and
# `models serve` load tfjs models with it; without its addon it would not load). The start-up
# peers (bench/peers) are installed by bench/lib/peers.mjs when the start-up figure runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/install-system-deps.sh"
bash "$root/scripts/install-mlflow.sh" "$root/.venv" "${MLFLOW_TEST_VERSION:-3.18.0}"
bash "$root/scripts/install-tfjs-node.sh" >&2
