-- Records one test's result, only from the unit's current lease holder; the first result for a
-- test wins. A result under a lease that is no longer current is dropped and counted.
-- KEYS: lease, results, late.  ARGV: unit, lease id, test key, result, key lifetime (ms).
-- Answers 1 (recorded), 0 (the test already had a result), -1 (lease not current: dropped).
if redis.call('hget', KEYS[1], ARGV[1]) ~= ARGV[2] then
  redis.call('incr', KEYS[3])
  redis.call('pexpire', KEYS[3], ARGV[5])
  return -1
end
local added = redis.call('hsetnx', KEYS[2], ARGV[3], ARGV[4])
redis.call('pexpire', KEYS[2], ARGV[5])
return added
