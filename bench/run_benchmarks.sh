#!/usr/bin/env bash
# Runs the benchmarks of docs/PERFORMANCE.md on this machine, in one run so
# each figure has its baseline beside it:
#   1. import: `creditnode import` of N generated records (signed, indexed,
#      Merkle tiles grown, WAL-synced batches) vs. raw_write (the same
#      number of values of the same mean size in synced RocksDB batches);
#   2. import with the Merkle tree vs. without it (bench/import_tree, the
#      same import code; A B A B on fresh data dirs; issue 4);
#   3. lookups: wrk GET /v1/subjects/{random generated ID} against the node
#      at N entries vs. nginx serving a static file of the mean response
#      size, requested with the same wrk script (random query strings), and
#      with wrk's fixed request; alternated, after a warm-up of the node
#      (WARMUP seconds: its row and block caches fill as entries are read,
#      and throughput rises for about 40 s from a cold start);
#   4. inclusion proofs at N entries vs. GET /v1/health, alternated;
#   5. publish: wrk POST /v1/entries (one synced write each) vs. GET
#      /v1/health on the same node, alternated;
#   6. audit: `creditnode export` then `creditnode audit --bundle` of the
#      whole feed vs. verify_rate (Ed25519 verifications alone, one thread);
#   7. one subject with 5,000 records and a repair of each vs. one with
#      10,000 records and no lifecycle entry (bench/heavy_subject).
# Release build; nothing else should run on the machine meanwhile.
#   RECORDS=1000000 DURATION=15 bench/run_benchmarks.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
records=${RECORDS:-1000000}
duration=${DURATION:-15}
warmup=${WARMUP:-60}
conns=${CONNS:-32}
work=${WORK:-/tmp/cn-bench}
node_port=18080
nginx_port=18081
origin=bench.gov.example/credit
origin_url=bench.gov.example%2Fcredit
"$root/deploy/install-deps.sh" wrk nginx-light python3

build="$root/build-release"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCN_BUILD_TESTS=OFF \
  -DCN_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target creditnode generate_csv raw_write import_tree verify_rate \
  heavy_subject
cn="$build/node/creditnode"

rm -rf "$work" && mkdir -p "$work/static"
log="$work/results.txt"
say() { echo "$*" | tee -a "$log"; }
rate() { python3 -c "print(round($1/($3-$2)))"; }
say "# CreditNode benchmarks $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $records records"
say "# commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

"$build/bench/generate_csv" --records "$records" --out "$work/records.csv" --ids "$work/ids.txt"
"$cn" init --data "$work/node" --origin "$origin" >"$work/init.txt"
publisher=$(sed -n 's/^publisher token: //p' "$work/init.txt")
auditor=$(sed -n 's/^auditor token: //p' "$work/init.txt")

# 1. Import (this store is the one served below).
start=$(date +%s.%N)
"$cn" import --data "$work/node" "$work/records.csv" >"$work/import.txt" 2>&1
end=$(date +%s.%N)
say "import: $records entries in $(python3 -c "print(round($end-$start,2))") s = $(rate "$records" "$start" "$end") entries/s (durable, tree maintained)"
say "import: data dir $(du -sm "$work/node" | cut -f1) MiB"

# 2. Import with vs. without the Merkle tree: B A B after the import above (A).
import_tree() {  # label flags...
  local label=$1 dir="$work/tree-ab" start end
  shift
  rm -rf "$dir"
  "$cn" init --data "$dir" --origin "$origin" >/dev/null
  start=$(date +%s.%N)
  "$build/bench/import_tree" --data "$dir" --csv "$work/records.csv" "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  say "$label: $records entries in $(python3 -c "print(round($end-$start,2))") s = $(rate "$records" "$start" "$end") entries/s"
  rm -rf "$dir"
}
import_tree "import without tree (round 1)" --no-tree
import_tree "import with tree    (round 2)"
import_tree "import without tree (round 2)" --no-tree

# Mean stored entry size, from a sample read back through the API.
"$cn" serve --data "$work/node" --listen 127.0.0.1:$node_port >"$work/serve.log" 2>&1 &
node_pid=$!
trap 'kill $node_pid 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill $(cat "$work/nginx.pid") 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$node_port/v1/health" >/dev/null && break; sleep 0.2; done
mean_entry=$(python3 - "$node_port" "$auditor" "$records" "$origin_url" <<'PY'
import base64, json, random, sys, urllib.request
port, token, n, origin = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
random.seed(1); sizes = []
for i in random.sample(range(n), 200):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/entries/{origin}/{i}",
                                 headers={"Authorization": "Bearer " + token})
    sizes.append(len(base64.b64decode(json.load(urllib.request.urlopen(req))["bytes"])))
print(round(sum(sizes) / len(sizes)))
PY
)
mean_resp=$(python3 - "$node_port" "$work/ids.txt" <<'PY'
import random, sys, urllib.request
port, ids = sys.argv[1], open(sys.argv[2]).read().split()
random.seed(2); sizes = []
for i in random.sample(ids, 500):
    sizes.append(len(urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/subjects/{i}").read()))
print(round(sum(sizes) / len(sizes)))
PY
)
say "entries: mean entry ${mean_entry} bytes; mean public lookup response ${mean_resp} bytes"

# 3. Lookups vs nginx static.
head -c "$mean_resp" /dev/urandom | base64 -w0 | head -c "$mean_resp" >"$work/static/sample.json"
cat >"$work/nginx.conf" <<CONF
worker_processes $(nproc);
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$nginx_port; root $work/static; }
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.5
run_wrk() {  # label url script args...
  local label=$1 url=$2 script=$3
  shift 3
  local line
  line=$(wrk -t1 -c"$conns" -d"${wrk_duration:-$duration}s" --latency -s "$script" "$url" -- "$@" | grep '^RESULT')
  say "$label: ${line#RESULT }"
}
# The node's caches fill as entries are read (nginx's file is in memory
# from the first request): one longer round, not for the bar, warms them.
wrk_duration=$warmup run_wrk "lookup warm-up ${warmup} s (not for the bar)" "http://127.0.0.1:$node_port" \
  "$root/bench/wrk/lookup.lua" "$work/ids.txt" 0
for round in 1 2 3; do
  run_wrk "lookup        (round $round)" "http://127.0.0.1:$node_port" "$root/bench/wrk/lookup.lua" \
    "$work/ids.txt" "$round"
  run_wrk "nginx same-script (round $round)" "http://127.0.0.1:$nginx_port" \
    "$root/bench/wrk/lookup.lua" "$work/ids.txt" "$round" "/sample.json?id="
  run_wrk "nginx fixed-request (round $round)" "http://127.0.0.1:$nginx_port/sample.json" \
    "$root/bench/wrk/static.lua"
done
kill "$(cat "$work/nginx.pid")"

# 4. Inclusion proofs at N entries (a random index, tree size N).
for round in 1 2; do
  conns=8 run_wrk "inclusion proof (round $round, c=8)" "http://127.0.0.1:$node_port" \
    "$root/bench/wrk/proof.lua" "$origin_url" "$records" "$round"
  conns=8 run_wrk "health          (round $round, c=8)" "http://127.0.0.1:$node_port/v1/health" \
    "$root/bench/wrk/static.lua"
done

# 5. Publish latency (each POST is one WAL-synced write, group-committed).
uscc=$(grep -m1 '^9' "$work/ids.txt")
for round in 1 2; do
  conns=4 run_wrk "publish  (round $round, c=4)" "http://127.0.0.1:$node_port" \
    "$root/bench/wrk/publish.lua" "$publisher" "$uscc"
  conns=4 run_wrk "health   (round $round, c=4)" "http://127.0.0.1:$node_port/v1/health" \
    "$root/bench/wrk/static.lua"
done
kill $node_pid
wait $node_pid || true

# 6. Audit of the whole feed from an offline bundle, vs. signature checks alone.
"$cn" export --data "$work/node" --out "$work/feed.bundle" >/dev/null 2>&1
say "$(python3 - "$cn" "$work" <<'PY'
import resource, subprocess, sys, time
cn, work = sys.argv[1], sys.argv[2]
start = time.monotonic()
r = subprocess.run([cn, "audit", "--bundle", f"{work}/feed.bundle", "--state", f"{work}/audit-state"],
                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
secs = time.monotonic() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
import re
cpu = use.ru_utime + use.ru_stime
m = re.search(r"(\d+) entries verified", r.stdout)
n = int(m.group(1)) if m else 0
print(f"audit --bundle: exit {r.returncode}, {n} entries in {secs:.1f} s wall = {n / secs:.0f} entries/s; "
      f"{cpu:.1f} s CPU = {n / cpu:.0f} entries per CPU-second; max RSS {use.ru_maxrss // 1024} MiB")
PY
)"
say "$("$build/bench/verify_rate" --count 50000 --bytes "$mean_entry")"

# 7. A subject with many records and lifecycle entries.
say "$("$build/bench/heavy_subject" --dir "$work/heavy" --records 5000 --rounds 9)"
rm -rf "$work/heavy"

# 1b. Storage ceiling for the import figure.
say "$("$build/bench/raw_write" --db "$work/raw" --records "$records" --value-bytes "$mean_entry" --batch 2000)"
say "# done; full log in $log"
