-- Gives a lease back before its unit ran (a node stopping early): the unit goes to the front of the
-- queue at once, without waiting for the deadline and without counting as lost.
-- KEYS: lease, holder, deadline, queue.  ARGV: unit, lease id, key lifetime (ms).  Answers 1 or 0.
if redis.call('hget', KEYS[1], ARGV[1]) ~= ARGV[2] then
  return 0
end
redis.call('hdel', KEYS[1], ARGV[1])
redis.call('hdel', KEYS[2], ARGV[1])
redis.call('zrem', KEYS[3], ARGV[1])
redis.call('lpush', KEYS[4], ARGV[1])
redis.call('pexpire', KEYS[4], ARGV[3])
return 1
