#!/usr/bin/env bash
# Everything the test suite needs beyond `npm install`, each step skipped when already done:
# Debian packages (Jupyter, Chromium, PostgreSQL), the pinned MLflow 3.18.0 in .venv (with onnx and
# onnxruntime, which load the models exported to ONNX), the last MLflow 2.x
# in .venv-mlflow2 (a server without logged models), and test-only npm installs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/install-system-deps.sh"
# moto's server (S3, as MLflow's own tests fake it), psycopg2 (MLflow's PostgreSQL backend) and the
# cloud SDKs MLflow's artifact repositories load (boto3 for s3://, azure-storage-blob for wasbs://)
# serve the production-server tests.
bash "$here/install-mlflow.sh" "$here/../.venv" "${MLFLOW_TEST_VERSION:-3.18.0}" onnx==1.23.2 onnxruntime==1.32.0 \
  'moto[server]==5.2.5' boto3==1.44.8 psycopg2-binary==2.9.13 azure-storage-blob==12.31.1
# MLflow 3.7.0 and 3.12.0 beside the pinned one (.mlflow-versions/<v>, run with .venv's Python and
# PYTHONPATH), for the test that writes a database of each version and reads it back with that version.
bash "$here/install-mlflow-versions.sh"
# NB: mlflow 2.22's db layer imports a pool class that SQLAlchemy 2.1 removed.
bash "$here/install-mlflow.sh" "$here/../.venv-mlflow2" 2.22.5 'sqlalchemy<2.1'
# The tslab kernels (TypeScript and JavaScript) for the example notebooks, registered in a
# project-local Jupyter path (.jupyter, git-ignored; tests set JUPYTER_PATH to it).
root="$here/.."
if [ ! -f "$root/.jupyter/share/jupyter/kernels/tslab/kernel.json" ]; then
  "$root/node_modules/.bin/tslab" install --python=/usr/bin/python3 --binary="$root/node_modules/.bin/tslab" --prefix="$root/.jupyter" >&2
fi
# The example projects that depend on this package by path.
for example in "$root"/examples/*/; do
  if [ -f "$example/package.json" ] && [ ! -d "$example/node_modules" ]; then
    (cd "$example" && npm install --no-audit --no-fund --silent) >&2
  fi
done
# brain.js 2.0.0-beta.24 beside the repository's 1.6.1: the brain.js tests run against both.
bash "$here/install-brainjs-2.sh" >&2
# The test runners of the libraries' own suites (test/upstream), for npm run test:upstream.
bash "$here/install-upstream.sh" >&2
# The version matrix's older and newer library versions beside those: its CI subset, or all of it
# with MLFLOW_TEST_VERSION_MATRIX=full (npm run test:version-matrix).
bash "$here/install-version-matrix.sh" >&2
# @tensorflow/tfjs-node without its download: libtensorflow from PyPI's tensorflow-cpu wheel and the
# addon built with node-gyp, cached in ~/.cache/mlflow-autolog (once per machine, then seconds).
bash "$here/install-tfjs-node.sh" >&2
