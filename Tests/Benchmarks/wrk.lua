-- wrk script for the benchmark's endpoints, configured by environment variables:
--   BENCH_ENDPOINT  retrieve | list | public | create, or relations.py's: tasks-100 | tasks-10 |
--                   projects-10 | projects-100 | api-tasks-10 | api-tasks-100
--   BENCH_USERS     number of users (ids 1..N);  BENCH_PAGES  pages of the user list
--   BENCH_ACCOUNTS  number of accounts;  BENCH_TOKENS  comma-separated token keys to draw from
local endpoint = os.getenv("BENCH_ENDPOINT")
local users = tonumber(os.getenv("BENCH_USERS") or "1")
local pages = tonumber(os.getenv("BENCH_PAGES") or "1")
local accounts = tonumber(os.getenv("BENCH_ACCOUNTS") or "1")
local tokens = {}
for key in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^,]+") do
  tokens[#tokens + 1] = "Token " .. key
end
local body = '{"title":"Benchmark note","body":"Written by wrk."}'

function init(args)
  math.randomseed(os.time() + tonumber(os.getenv("BENCH_SEED") or "0"))
end

local function auth()
  return { ["Authorization"] = tokens[math.random(#tokens)] }
end

function request()
  if endpoint == "retrieve" then
    return wrk.format("GET", "/api/users/" .. math.random(users) .. "/", auth())
  elseif endpoint == "list" then
    return wrk.format("GET", "/api/users/?page=" .. math.random(pages), auth())
  elseif endpoint == "public" then
    return wrk.format("GET", "/api/public-accounts/?limit=10&offset=" .. (math.random(accounts) - 1))
  elseif endpoint == "tasks-100" then
    return wrk.format("GET", "/bench/tasks/?page=" .. math.random(pages))
  elseif endpoint == "tasks-10" then
    return wrk.format("GET", "/bench/tasks/?page_size=10&page=" .. math.random(pages))
  elseif endpoint == "projects-10" then
    return wrk.format("GET", "/api/projects/?page=" .. math.random(pages), auth())
  elseif endpoint == "projects-100" then
    return wrk.format("GET", "/api/projects/?page_size=100&page=" .. math.random(pages), auth())
  elseif endpoint == "api-tasks-10" then
    return wrk.format("GET", "/api/tasks/?done=false&page=" .. math.random(pages), auth())
  elseif endpoint == "api-tasks-100" then
    return wrk.format("GET", "/api/tasks/?done=false&page_size=100&page=" .. math.random(pages), auth())
  elseif endpoint == "create" then
    local headers = auth()
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/notes/", headers, body)
  end
  error("unknown BENCH_ENDPOINT " .. tostring(endpoint))
end
