-- wrk script: GET PREFIX{id} for IDs drawn at random from a file (one per
-- line, written by generate_csv --ids). PREFIX defaults to /v1/subjects/;
-- the nginx baseline passes "/sample.json?id=" so that wrk does the same
-- work per request for both servers (they share the machine's cores).
-- Every request is built once, in init, with wrk.format: request() only
-- picks one, so the client's cost per request stays close to that of
-- wrk's fixed prebuilt request (building each in Lua cost wrk about as
-- much CPU as the node spent answering it).
--   wrk -s bench/wrk/lookup.lua URL -- IDS_FILE [SEED] [PREFIX]
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
local requests = {}
local count = 0
local random = math.random

function init(args)
  local prefix = args[3] or "/v1/subjects/"
  for line in io.lines(args[1]) do
    count = count + 1
    requests[count] = wrk.format("GET", prefix .. line)
  end
  math.randomseed(tonumber(args[2] or "1"))
end

function request()
  return requests[random(count)]
end
