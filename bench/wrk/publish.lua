-- wrk script: POST /v1/entries, one new dishonesty record per request
-- (a unique decision number each, so none is a duplicate).
--   wrk -s bench/wrk/publish.lua URL -- TOKEN USCC
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
local counter = 0
local token, uscc
local tag = tostring(math.random(1, 1e9))

function init(args)
  token = args[1]
  uscc = args[2]
  math.randomseed(os.time())
  tag = tostring(math.random(1, 1e9))
end

local template = [[{"kind":"dishonesty","subject":{"type":"org","name":"武汉基准测试有限公司",]] ..
  [["ids":[{"scheme":"uscc","value":"%s"}]},"list":"market.serious_violation",]] ..
  [["severity":"general","conduct":"提供虚假材料","legal_basis":[{"instrument":]] ..
  [["《市场监督管理严重违法失信名单管理办法》","article":"第二条"}],"decision":{"doc_no":]] ..
  [["武市监罚〔2026〕bench-%s-%d号","date":"2026-01-05","authority":{"name":]] ..
  [["武汉市市场监督管理局"}},"effective_from":"2026-01-10","publish_min_until":"2026-04-10",]] ..
  [["publish_max_until":"2029-01-10","public":true,"share_scope":"public"}]]

function request()
  counter = counter + 1
  local body = string.format(template, uscc, tag, counter)
  return wrk.format("POST", "/v1/entries",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
