-- Moves the deadlines of a node's leases on, in one call: its units' and the locks of the global
-- fixtures it set up for the build; answers the units and fixtures whose lease is no longer the one
-- the node holds (taken back and handed to another node).
-- KEYS: lease, deadline, nodes, fixture-lease, fixture-deadline.
-- ARGV: node, lease time (ms), key lifetime (ms), number of units N, then N unit, lease id pairs,
-- then fixture, lease id pairs.
-- Answers {units gone, fixtures gone}.
local lease, deadline, nodes, fixture_lease, fixture_deadline = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local node, lease_ms, ttl, units = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])

local time = redis.call('time')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('hset', nodes, node, now)
redis.call('pexpire', nodes, ttl)

local function renew(ids, deadlines, first, last)
  local gone = {}
  for i = first, last, 2 do
    local name, id = ARGV[i], ARGV[i + 1]
    if redis.call('hget', ids, name) == id then
      redis.call('zadd', deadlines, now + lease_ms, name)
    else
      gone[#gone + 1] = name
    end
  end
  return gone
end

local split = 5 + 2 * units
return { renew(lease, deadline, 5, split - 1), renew(fixture_lease, fixture_deadline, split, #ARGV) }
