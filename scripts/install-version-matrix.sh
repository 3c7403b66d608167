#!/usr/bin/env bash
# Installs the version matrix (test/integration/version-matrix.test.ts) beside the versions the
# repository itself installs: folders of test/fixtures/versions/, each from its lockfile, without
# install scripts. A folder is named for the slot its versions fill, e.g. major1-lowest: each
# library's lowest supported major at its lowest minor. By default only the folders of the subset
# the test suite runs (`"versionMatrix": {"ci": true}` in their package.json); all of them with
# MLFLOW_TEST_VERSION_MATRIX=full (scripts/test-version-matrix.sh). The matrix also uses the
# repository's own installs and test/fixtures/brainjs-2 (scripts/install-brainjs-2.sh). Folders
# already installed at the wanted versions are skipped.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
full="${MLFLOW_TEST_VERSION_MATRIX:-}"
for dir in "$root"/test/fixtures/versions/*/; do
  dir="${dir%/}"
  # NB: exit 0: wanted and already installed; 1: to install; 2: not wanted in this run.
  status=0
  node -e '
    const { readFileSync } = require("node:fs");
    const [dir, full] = process.argv.slice(1);
    const manifest = JSON.parse(readFileSync(`${dir}/package.json`, "utf8"));
    if (full !== "full" && !manifest.versionMatrix?.ci) process.exit(2);
    // NB: read by path: not every package exports its package.json.
    const version = (name) => { try { return JSON.parse(readFileSync(`${dir}/node_modules/${name}/package.json`, "utf8")).version; } catch { return undefined; } };
    process.exit(Object.entries(manifest.dependencies).every(([name, v]) => version(name) === v) ? 0 : 1);
  ' "$dir" "$full" || status=$?
  if [ "$status" -ne 1 ]; then continue; fi
  echo "install-version-matrix: $(basename "$dir")" >&2
  npm ci --prefix "$dir" --no-audit --no-fund --ignore-scripts >&2
done
