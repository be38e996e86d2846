#!/usr/bin/env bash
# Builds CreditNode (Release) and starts a demo node with a few thousand
# generated entries on 127.0.0.1:8080 (override: LISTEN=HOST:PORT, DATA=dir).
# It prints the URL, example queries and the API tokens, and runs until
# Ctrl-C. Re-running reuses the demo data.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/deploy/install-deps.sh"
build="$root/build/release"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCN_BUILD_TESTS=OFF -DCN_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target creditnode
exec "$build/node/creditnode" demo --data "${DATA:-$root/build/demo-data}" \
  --listen "${LISTEN:-127.0.0.1:8080}"
