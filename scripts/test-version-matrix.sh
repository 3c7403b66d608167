#!/usr/bin/env bash
# The full version matrix, on demand: installs every folder of test/fixtures/versions/ (the test
# suite installs and runs only the subset marked "ci") and runs test/integration/version-matrix.test.ts
# over all of them against a real MLflow server, with the built package.
set -euo pipefail
cd "$(dirname "$0")/.."
export MLFLOW_TEST_VERSION_MATRIX=full
bash scripts/install-brainjs-2.sh >&2
bash scripts/install-version-matrix.sh
npm run build
node --import tsx test/run.ts test/integration/version-matrix.test.ts
