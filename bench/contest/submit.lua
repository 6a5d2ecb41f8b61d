-- wrk script for the contest submission benchmark.
-- Each wrk thread reads its own slice of pre-started attempts ("<attempt_id> <signed token>"),
-- submits each once with a fresh client token, and every RETRY_EVERY-th request resends the
-- previous submission unchanged (a client retry). Sent and acknowledged (attempt, client token)
-- pairs are written per thread, so the driver can count lost and duplicated submissions.
-- args: <slice prefix> <out prefix> <submit|floor> <retry every n (0 = never)> <answers json> <path>

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local prefix, out = args[1], args[2]
  mode = args[3] or "submit"
  retry_every = tonumber(args[4] or "0")
  path = args[6] or ((mode == "floor") and "/bench/floor/" or "/cuoc-thi/bai-thi/nop/")
  items = {}
  for line in io.lines(prefix .. "." .. tid) do
    local a, tok = line:match("^(%d+) (%S+)$")
    if a then items[#items + 1] = { a, tok } end
  end
  sent = io.open(out .. ".sent." .. tid, "w")
  sent:setvbuf("line")
  acked = io.open(out .. ".acked." .. tid, "w")
  acked:setvbuf("line")
  idx = 0
  last = nil
  answers = args[5] or "{}"
end

local function build(item, ct)
  local body = '{"t":"' .. ct .. '","answers":' .. answers .. ',"prediction":' .. (tonumber(item[1]) % 50) .. '}'
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["X-Attempt-Token"] = item[2],
    ["X-Client-Token"] = ct,
  }, body)
end

function request()
  if retry_every > 0 and last ~= nil and idx % retry_every == 0 and not last.retried then
    last.retried = true
    sent:write(last.item[1], " ", last.ct, " retry\n")
    return build(last.item, last.ct)
  end
  idx = idx + 1
  local n = ((idx - 1) % #items) + 1
  local item = items[n]
  local ct = string.format("c%dx%09d", tid, n)
  if idx > #items then
    -- out of fresh attempts: resend (a retry, never a new row)
    sent:write(item[1], " ", ct, " wrap\n")
    return build(item, ct)
  end
  last = { item = item, ct = ct, retried = false }
  sent:write(item[1], " ", ct, "\n")
  return build(item, ct)
end

function response(status, headers, body)
  if status == 200 then
    local a, t = body:match('"a": (%d+), "t": "([^"]+)"')
    if a then acked:write(a, " ", t, "\n") end
  end
end
