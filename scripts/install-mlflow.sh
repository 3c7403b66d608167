#!/usr/bin/env bash
# Installs the pinned MLflow into a project-local virtualenv (.venv, git-ignored) when it is missing.
# Tests use it to run a real tracking server (also with `--app-name basic-auth`, which needs the
# `auth` extra, Flask-WTF) and to read back what we wrote with MlflowClient.
# Usage: scripts/install-mlflow.sh [VENV_DIR] [MLFLOW_VERSION] [EXTRA_REQUIREMENT ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-$here/../.venv}"
version="${2:-${MLFLOW_TEST_VERSION:-3.18.0}}"
shift $(( $# > 2 ? 2 : $# ))
extra=("$@")
py="$venv/bin/python"
# NB: what `mlflow[auth]` adds (its METADATA: Requires-Dist: Flask-WTF<2; extra == "auth").
auth_extra='Flask-WTF<2'

if [ -x "$py" ] && "$py" -c "import mlflow, sys; sys.exit(mlflow.__version__ != '$version')" 2>/dev/null; then
  if ! "$py" -c "import flask_wtf" 2>/dev/null; then
    echo "Installing the MLflow auth extra ($auth_extra) into $venv" >&2
    "$py" -m pip install --quiet "$auth_extra" >&2
  fi
  [ ${#extra[@]} -eq 0 ] || "$py" -m pip install --quiet "${extra[@]}" >&2
  exit 0
fi
echo "Installing mlflow[auth]==$version into $venv" >&2
python3 -m venv "$venv"
"$py" -m pip install --quiet --upgrade pip >&2
if ! "$py" -m pip install --quiet "mlflow[auth]==$version" "${extra[@]}" >&2; then
  # NB: the registry can serve the mlflow wheel before the mlflow-skinny/mlflow-tracing wheels it pins.
  # The mlflow wheel holds the whole package, so install it alone and its dependencies by hand.
  echo "mlflow==$version did not resolve; installing it without dependencies" >&2
  "$py" -m pip install --quiet -r "$here/mlflow-requirements.txt" "$auth_extra" "${extra[@]}" >&2
  "$py" -m pip install --quiet --no-deps "mlflow==$version" >&2
fi
"$py" -c "import mlflow, flask_wtf; print('mlflow', mlflow.__version__, 'ready in $venv (with the auth extra)')" >&2
