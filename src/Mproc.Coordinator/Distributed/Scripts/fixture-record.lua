-- The holder of a build-scoped global fixture's lock records what became of it, with an event for
-- the build's report, only while its lease id is current. 'value': SetUp returned; the value is
-- served to every node while the lock lives. 'error': SetUp failed; the error is every node's
-- answer for good, and the lock goes (nothing to renew or tear down). 'end': torn down; lock and
-- value go, so a later request would set it up again (also to give the lock back unused, without
-- an event). The event is kept either way (a holder whose lock expired still reports what it did);
-- repeating a call changes nothing more.
-- KEYS: fixture-lease, fixture-holder, fixture-deadline, fixture-value, fixture-events.
-- ARGV: 'value', 'error' or 'end', fixture, lease id, record (or ''), event (or ''), key lifetime (ms).
-- Answers 1, or 0 when the lease was no longer current.
local lease, holder, deadline, value, events = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local outcome, fixture, id, record, event, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]

local current = redis.call('hget', lease, fixture) == id
if event ~= '' and redis.call('lpos', events, event) == false then
  redis.call('rpush', events, event)
  redis.call('pexpire', events, ttl)
end
if not current then
  return 0
end

if outcome == 'end' then
  redis.call('hdel', value, fixture)
else
  redis.call('hset', value, fixture, record)
  redis.call('pexpire', value, ttl)
end
if outcome ~= 'value' then
  redis.call('hdel', lease, fixture)
  redis.call('hdel', holder, fixture)
  redis.call('zrem', deadline, fixture)
end
return 1
