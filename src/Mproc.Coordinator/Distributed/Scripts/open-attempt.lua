-- Opens a later attempt of the build (a CI re-run): the units given (those holding a failed test,
-- a test lost or without a result) go back in the queue in the given order, their tests' results
-- move aside under the closing attempt, their lost counts start again, and every lease out is
-- cancelled (a machine of the closing attempt still running it gets its results dropped as late).
-- The node chose the units from what it read: the script opens only while the attempt and the
-- number of results and of units given up are still what it read (results and units given up only
-- grow within an attempt, so equal counts mean the same entries); otherwise it answers -1 and the
-- node reads again. When the build is already at this attempt or later, it changes nothing.
-- The build-scoped global fixtures of the closing attempt were torn down after its last test: their
-- locks and values go, so the attempt's first request sets each up again.
-- KEYS: attempt, results, given-up, set-aside, queue, lease, holder, deadline, done, lost, lost-by,
-- nodes, fixture-lease, fixture-holder, fixture-deadline, fixture-value, then every other key of the
-- build (their lifetime is refreshed).
-- ARGV: attempt read, new attempt, results read, units given up read, key lifetime (ms), unit count
-- U, U units, then test key, value pairs: an empty value moves the stored result aside, another
-- value is set aside as the test's result.
-- Answers { the build's attempt, 1 opened | 0 already there | -1 changed since it was read }.
local attempt, results, given_up, set_aside, queue, lease, holder, deadline, done, lost, lost_by, nodes =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10], KEYS[11], KEYS[12]
local read, new, results_read, given_up_read, ttl, count =
  tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])

local current = tonumber(redis.call('get', attempt) or '1')
if current >= new then
  return { current, 0 }
end
if current ~= read or redis.call('hlen', results) ~= results_read or redis.call('hlen', given_up) ~= given_up_read then
  return { current, -1 }
end

redis.call('del', queue, lease, holder, deadline, nodes, KEYS[13], KEYS[14], KEYS[15], KEYS[16])
local batch = {}
for i = 7, 6 + count do
  local unit = ARGV[i]
  redis.call('hdel', done, unit)
  redis.call('hdel', lost, unit)
  redis.call('hdel', lost_by, unit)
  redis.call('hdel', given_up, unit)
  batch[#batch + 1] = unit
  -- unpack has a stack limit: push in slices.
  if #batch == 1000 then
    redis.call('rpush', queue, unpack(batch))
    batch = {}
  end
end
if #batch > 0 then
  redis.call('rpush', queue, unpack(batch))
end

for i = 7 + count, #ARGV, 2 do
  local key, value = ARGV[i], ARGV[i + 1]
  if value == '' then
    value = redis.call('hget', results, key)
    redis.call('hdel', results, key)
  end
  if value then
    redis.call('hset', set_aside, current .. ':' .. key, value)
  end
end

redis.call('set', attempt, new)
for i = 1, #KEYS do
  redis.call('pexpire', KEYS[i], ttl)
end
return { new, 1 }
