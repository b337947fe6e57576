-- wrk script: POST real articles to Dateline, one request body per line of a file.
-- wrk ... -s bench/post.lua URL -- BODIES_FILE [PATH]

local requests = {}
local index = 0
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count * 37)
end

function init(args)
  local path = args[2] or "/v1/extract"
  local headers = { ["Content-Type"] = "application/json" }
  for line in io.lines(args[1]) do
    if #line > 0 then
      requests[#requests + 1] = wrk.format("POST", path, headers, line)
    end
  end
  if #requests == 0 then
    error("no request bodies in " .. args[1])
  end
  index = offset or 0
end

function request()
  index = index + 1
  return requests[(index % #requests) + 1]
end

function done(summary, latency, requests_stats)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
  -- Every distinct latency (us) with its count, so that runs can be pooled exactly.
  local pairs_out = {}
  for i = 1, #latency do
    local value, count = latency(i)
    pairs_out[#pairs_out + 1] = string.format("[%d,%d]", value, count)
  end
  io.write("WRK_HIST [" .. table.concat(pairs_out, ",") .. "]\n")
end
