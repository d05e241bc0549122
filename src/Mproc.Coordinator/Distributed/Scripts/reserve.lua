-- Leases up to N units to a node. Units whose lease deadline passed (on this server's clock) are
-- taken back first, ahead of the queue; a unit lost max-lost times is given up instead of being
-- handed out again, with the nodes that lost it. Every lease gets a fresh id: only its holder may
-- record results for it, renew it, complete or release it. Answers the leases, then how many units
-- the queue still holds, how many nodes the build has seen (for the node to size its next ask) and
-- the build's attempt. A node of an earlier attempt than the build's gets nothing: the units queued
-- now are a later attempt's, and its run may hold their tests' results already.
-- KEYS: queue, lease, holder, deadline, lost, lost-by, given-up, counter, nodes, attempt.
-- ARGV: node, lease time (ms), max lost, N, key lifetime (ms), the node's attempt.
local queue, lease, holder, deadline, lost, lost_by, given_up, counter, nodes, attempt =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10]
local node, lease_ms, max_lost, wanted, ttl, node_attempt =
  ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])

local current = tonumber(redis.call('get', attempt) or '1')
if current > node_attempt then
  return { {}, 0, 0, current }
end

local time = redis.call('time')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local function keep(key)
  redis.call('pexpire', key, ttl)
end

redis.call('hset', nodes, node, now)
keep(nodes)

local taken = {}
local function take(unit, times_lost)
  local id = redis.call('incr', counter)
  keep(counter)
  redis.call('hset', lease, unit, id)
  redis.call('hset', holder, unit, node)
  redis.call('zadd', deadline, now + lease_ms, unit)
  keep(lease)
  keep(holder)
  keep(deadline)
  taken[#taken + 1] = { unit, tostring(id), times_lost }
end

while #taken < wanted do
  local expired = redis.call('zrangebyscore', deadline, '-inf', now, 'limit', 0, 1)
  if #expired == 0 then
    break
  end
  local unit = expired[1]
  local previous = redis.call('hget', holder, unit) or '?'
  redis.call('zrem', deadline, unit)
  redis.call('hdel', lease, unit)
  redis.call('hdel', holder, unit)
  local times = redis.call('hincrby', lost, unit, 1)
  keep(lost)
  local by = redis.call('hget', lost_by, unit)
  redis.call('hset', lost_by, unit, by and (by .. '\n' .. previous) or previous)
  keep(lost_by)
  if times >= max_lost then
    redis.call('hset', given_up, unit, times)
    keep(given_up)
  else
    take(unit, times)
  end
end

while #taken < wanted do
  local unit = redis.call('lpop', queue)
  if not unit then
    break
  end
  take(unit, 0)
end

return { taken, redis.call('llen', queue), redis.call('hlen', nodes), current }
