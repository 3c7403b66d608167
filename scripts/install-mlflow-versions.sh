#!/usr/bin/env bash
# Installs older MLflow releases beside the pinned one, for the test that has each of them create
# a SQLite database (`mlflow db upgrade`), lets the agent write it, and reads it back with that
# same release's MlflowClient (test/integration/sqlite-versions.test.ts).
#
# Each release goes into its own folder, .mlflow-versions/<version>/ (to be git-ignored, as .venv
# is), with `pip install --no-deps --target`: only the `mlflow` wheel, which holds the whole
# `mlflow` package (mlflow-skinny and mlflow-tracing are subsets of it), plus the few pins that
# release needs. Its dependencies are the pinned MLflow's in .venv (installed first when missing): run
#   PYTHONPATH=.mlflow-versions/<version> .venv/bin/python -m mlflow db upgrade sqlite:///…
# and the old `mlflow` (and any pin) shadows the one in .venv's site-packages.
# A folder is made under a temporary name, checked, then renamed, and skipped on the next run when
# its marker (.installed, holding the version and pins) is there: a cut-short install redoes itself.
#
# Usage: scripts/install-mlflow-versions.sh [DEST_DIR] [VERSION ...]
#   default: .mlflow-versions 3.7.0 3.12.0 (or $MLFLOW_EXTRA_VERSIONS)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
dest="${1:-$root/.mlflow-versions}"
shift $(( $# > 0 ? 1 : 0 ))
# NB: 3.7.0 is the oldest 3.x whose schema the agent writes (and the only 3.7 release);
# 3.12.0 (the only 3.12 release) is a middle one past 3.10's workspace columns.
versions=("$@")
[ ${#versions[@]} -gt 0 ] || read -r -a versions <<< "${MLFLOW_EXTRA_VERSIONS:-3.7.0 3.12.0}"
py="$root/.venv/bin/python"

# The packages a release needs in its own folder, beyond the mlflow wheel.
pins_for() {
  case "$1" in
    # NB: 3.7's db layer imports FallbackAsyncAdaptedQueuePool, which SQLAlchemy 2.1 (in .venv, for
    # 3.18) removed: ImportError at the first sqlite: URI. 3.10 and later import without it.
    3.[0-9].*) echo 'sqlalchemy<2.1' ;;
    *) echo '' ;;
  esac
}

# The dependencies (sqlalchemy, alembic, …) come from the pinned MLflow's .venv.
if [ ! -x "$py" ]; then
  bash "$here/install-mlflow.sh"
fi
mkdir -p "$dest"
for version in "${versions[@]}"; do
  dir="$dest/$version"
  read -r -a pins <<< "$(pins_for "$version")"
  marker="mlflow==$version${pins[*]:+ ${pins[*]}}"
  if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$marker" ]; then
    echo "mlflow $version already in $dir" >&2
    continue
  fi
  echo "Installing $marker into $dir" >&2
  tmp="$dest/.tmp-$version-$$"
  rm -rf "$tmp" "$tmp.log"
  trap 'rm -rf "$tmp" "$tmp.log"' EXIT
  # NB: compiled here (pip's default), since the tests' Pythons may run with PYTHONDONTWRITEBYTECODE
  # (this machine sets it): without .pyc files every import of mlflow would parse it all again.
  "$py" -m pip install --quiet --disable-pip-version-check --no-deps --target "$tmp" "mlflow==$version" "${pins[@]}" >&2
  # Proof that the folder shadows .venv: the old version is the one imported, and its db layer loads.
  check='import mlflow, mlflow.store.db.utils, sqlalchemy, alembic; print(mlflow.__version__, "sqlalchemy", sqlalchemy.__version__, "alembic", alembic.__version__)'
  if ! got="$(PYTHONPATH="$tmp" "$py" -c "$check" 2>"$tmp.log")" || [[ "$got" != "$version "* ]]; then
    echo "mlflow $version in $tmp does not import as itself (got: ${got:-nothing}):" >&2
    tail -5 "$tmp.log" >&2
    exit 1
  fi
  rm -f "$tmp.log"
  printf '%s' "$marker" > "$tmp/.installed"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  trap - EXIT
  echo "mlflow $got ready in $dir" >&2
done
for version in "${versions[@]}"; do
  echo "PYTHONPATH=$dest/$version: mlflow $version" >&2
done
