-- wrk script: GET /v1/feeds/{origin}/proof/inclusion?index=I&size=N for a
-- random I below N (issue 4: inclusion proof latency at 1M entries).
--   wrk -s bench/wrk/proof.lua URL -- ORIGIN_URL_ENCODED N [SEED]
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
local origin, size

function init(args)
  origin = args[1]
  size = tonumber(args[2])
  math.randomseed(tonumber(args[3] or "7"))
end

function request()
  return wrk.format("GET", "/v1/feeds/" .. origin .. "/proof/inclusion?index=" ..
    math.random(0, size - 1) .. "&size=" .. size)
end
