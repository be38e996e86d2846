-- The RESULT line every wrk script of bench/ prints (loaded by each with
-- dofile, so run_benchmarks.sh parses one format).
function done(summary, latency, requests)
  io.write(string.format("RESULT req_per_s=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
