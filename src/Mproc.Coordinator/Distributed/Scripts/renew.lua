-- Moves the deadlines of a node's leases on, in one call; answers the units whose lease is no
-- longer the one the node holds (taken back and handed to another node).
-- KEYS: lease, deadline, nodes.  ARGV: node, lease time (ms), key lifetime (ms), then unit, lease id pairs.
local lease, deadline, nodes = KEYS[1], KEYS[2], KEYS[3]
local node, lease_ms, ttl = ARGV[1], tonumber(ARGV[2]), ARGV[3]

local time = redis.call('time')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('hset', nodes, node, now)
redis.call('pexpire', nodes, ttl)

local gone = {}
for i = 4, #ARGV, 2 do
  local unit, id = ARGV[i], ARGV[i + 1]
  if redis.call('hget', lease, unit) == id then
    redis.call('zadd', deadline, now + lease_ms, unit)
  else
    gone[#gone + 1] = unit
  end
end
return gone
