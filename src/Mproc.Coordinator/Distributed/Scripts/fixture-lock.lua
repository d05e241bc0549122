-- A node asks for a build-scoped global fixture. Answers its stored value while its holder lives
-- (or the SetUp's error, kept for good); 'wait' while the holder sets it up; else the lock, with a
-- fresh lease id and a deadline on this server's clock: the fixture was never set up, was torn
-- down, or its holder was lost (its lock expired: the value it stored is dropped, since what it
-- points at may have gone with that node, and the lost holder is answered so it can be noted).
-- KEYS: fixture-lease, fixture-holder, fixture-deadline, fixture-value, counter.
-- ARGV: fixture, node, lease time (ms), key lifetime (ms).
-- Answers {'value', record}, {'wait', holder, ms left on its lock} or {'take', lease id, lost holder or ''}
-- (the same lease again to its holder: a call repeated after a dropped connection).
local lease, holder, deadline, value, counter = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local fixture, node, lease_ms, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]

local time = redis.call('time')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local lost = ''
if redis.call('hget', lease, fixture) then
  local until_ms = tonumber(redis.call('zscore', deadline, fixture) or '0')
  if until_ms > now then
    local stored = redis.call('hget', value, fixture)
    if stored then
      return { 'value', stored }
    end
    local current = redis.call('hget', holder, fixture) or '?'
    if current == node then
      -- A node asks for a fixture once: this is a retry whose first answer was lost.
      return { 'take', redis.call('hget', lease, fixture), '' }
    end
    return { 'wait', current, tostring(until_ms - now) }
  end
  lost = redis.call('hget', holder, fixture) or '?'
  redis.call('hdel', value, fixture)
else
  local stored = redis.call('hget', value, fixture)
  if stored then
    return { 'value', stored }
  end
end

local id = redis.call('incr', counter)
redis.call('hset', lease, fixture, id)
redis.call('hset', holder, fixture, node)
redis.call('zadd', deadline, now + lease_ms, fixture)
for _, key in ipairs({ lease, holder, deadline, counter }) do
  redis.call('pexpire', key, ttl)
end
return { 'take', tostring(id), lost }
