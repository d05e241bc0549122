-- Ends a lease whose unit ran to the end: the unit is done. Only the current holder may.
-- KEYS: lease, holder, deadline, done.  ARGV: unit, lease id, key lifetime (ms).  Answers 1 or 0.
if redis.call('hget', KEYS[1], ARGV[1]) ~= ARGV[2] then
  return 0
end
redis.call('hdel', KEYS[1], ARGV[1])
redis.call('hdel', KEYS[2], ARGV[1])
redis.call('zrem', KEYS[3], ARGV[1])
redis.call('sadd', KEYS[4], ARGV[1])
redis.call('pexpire', KEYS[4], ARGV[3])
return 1
