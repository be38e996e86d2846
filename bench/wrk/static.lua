-- wrk script for fixed-request baselines (nginx's static file, /v1/health):
-- wrk's own prebuilt request, only the RESULT line added.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
