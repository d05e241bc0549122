-- Ends a lease, only for its current holder: the unit is done (it ran to its end), or it goes back
-- to the front of the queue at once (the node is stopping before running it), without waiting for
-- the deadline and without counting as lost.
-- KEYS: lease, holder, deadline, done, queue.  ARGV: unit, lease id, 'done' or 'requeue', key lifetime (ms).
-- Answers 1, or 0 when the lease was no longer current.
if redis.call('hget', KEYS[1], ARGV[1]) ~= ARGV[2] then
  return 0
end
redis.call('hdel', KEYS[1], ARGV[1])
redis.call('hdel', KEYS[2], ARGV[1])
redis.call('zrem', KEYS[3], ARGV[1])
if ARGV[3] == 'done' then
  redis.call('sadd', KEYS[4], ARGV[1])
  redis.call('pexpire', KEYS[4], ARGV[4])
else
  redis.call('lpush', KEYS[5], ARGV[1])
  redis.call('pexpire', KEYS[5], ARGV[4])
end
return 1
