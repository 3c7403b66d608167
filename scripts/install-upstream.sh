#!/usr/bin/env bash
# Installs the test runners and test-only packages of the libraries' own suites into
# test/upstream/node_modules (from its lockfile), for scripts/test-upstream.ts. The libraries under
# test are not among them: the suites resolve those from the repository's node_modules. Skipped
# when the installed tree is from the current lockfile.
set -euo pipefail
dir="$(cd "$(dirname "$0")/../test/upstream" && pwd)"
stamp="$dir/node_modules/.installed-from-lockfile"
want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi
npm ci --prefix "$dir" --no-audit --no-fund
echo "$want" > "$stamp"
