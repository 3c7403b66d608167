#!/usr/bin/env bash
# Runs the TensorFlow.js tests again on @tensorflow/tfjs-node (MLFLOW_TEST_TFJS=node, see
# test/harness/tfjs.ts): in-process autologging and the tfjs conformance driver, against one MLflow
# server. The examples on tfjs-node (their '@tensorflow/tfjs' mapped to it by
# test/fixtures/tfjs-alias.js) are left out to keep CI under 50 minutes: tfjs-node.test.ts already
# runs one example on both packages; run them with this script's variables and
# test/integration/tfjs-examples.test.ts.
# `npm test` runs every test on @tensorflow/tfjs first (and test/integration/tfjs-node.test.ts,
# which always uses tfjs-node); this is its second pass. Needs what `npm test` sets up and builds
# (scripts/install-tfjs-node.sh, `npm run build`). The TAP output goes to
# test-output/results-tfjs-node.tap.
set -euo pipefail
cd "$(dirname "$0")/.."
MLFLOW_TEST_TFJS=node MLFLOW_TEST_CONFORMANCE_ONLY=tfjs exec node --import tsx test/run.ts \
  test/integration/tfjs-autolog.test.ts \
  test/conformance/conformance.test.ts
