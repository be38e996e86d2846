#!/usr/bin/env bash
# Installs the dependencies, builds everything with warnings as errors and
# runs every test (unit, HTTP integration, multi-process crash tests) with
# CTest. Exit status 0 only if all pass.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/deploy/install-deps.sh"
build="$root/build/test"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCN_WERROR=ON -DCN_BUILD_TESTS=ON -DCN_BUILD_BENCH=ON
start=$(date +%s)
cmake --build "$build"
echo "test.sh: build took $(( $(date +%s) - start ))s"
cd "$build"
ctest --output-on-failure -j2 --timeout 600
