-- wrk script: walks GET /v1/jobs?page_size=100&state=all by following next_cursor, restarting at the end.
wrk.headers["Authorization"] = "Bearer fi_pk_live_sandboxFull0000000000000000"
local base = "/v1/jobs?page_size=100&state=all"
local path = base
request = function()
  return wrk.format("GET", path)
end
response = function(status, headers, body)
  local c = string.match(body, '"next_cursor":"([^"]+)"')
  if c then path = base .. "&cursor=" .. c else path = base end
end
