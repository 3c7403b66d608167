#!/usr/bin/env bash
# Installs brain.js 2.0.0-beta.24 into test/fixtures/brainjs-2 (from its lockfile), beside the
# 1.6.1 the repository itself installs, so that the tests run against both. Skipped when done.
set -euo pipefail
dir="$(cd "$(dirname "$0")/../test/fixtures/brainjs-2" && pwd)"
want="$(node -p "require('$dir/package.json').dependencies['brain.js']")"
have="$(node -p "try { require('$dir/node_modules/brain.js/package.json').version } catch { '' }")"
if [ "$have" = "$want" ]; then exit 0; fi
npm ci --prefix "$dir" --no-audit --no-fund
