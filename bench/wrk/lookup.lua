-- wrk script: GET PREFIX{id} for IDs drawn at random from a file (one per
-- line, written by generate_csv --ids). PREFIX defaults to /v1/subjects/;
-- the nginx baseline passes "/sample.json?id=" so that wrk does the same
-- work per request for both servers (they share the machine's cores).
--   wrk -s bench/wrk/lookup.lua URL -- IDS_FILE [SEED] [PREFIX]
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
local ids = {}
local prefix = "/v1/subjects/"

function init(args)
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line
  end
  math.randomseed(tonumber(args[2] or "1"))
  prefix = args[3] or prefix
end

function request()
  return wrk.format("GET", prefix .. ids[math.random(#ids)])
end
