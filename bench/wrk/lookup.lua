-- wrk script: GET /v1/subjects/{id} for IDs drawn at random from a file
-- (one per line, written by generate_csv --ids).
--   wrk -s bench/wrk/lookup.lua URL -- IDS_FILE [SEED]
local ids = {}

function init(args)
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line
  end
  math.randomseed(tonumber(args[2] or "1"))
end

function request()
  return wrk.format("GET", "/v1/subjects/" .. ids[math.random(#ids)])
end

function done(summary, latency, requests)
  io.write(string.format("RESULT req_per_s=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
