-- Ends a lease, only for its current holder. 'done': the unit ran to its end, and its tests'
-- results are recorded in the same step (the first result of a test wins), so a unit is never done
-- without its results nor its results kept without the unit done. 'requeue': the node is stopping
-- before running it; it goes back to the front of the queue at once, without waiting for the
-- deadline and without counting as lost. Results under a lease that is no longer current (it
-- expired and the unit went to another node) are dropped and counted. Completing a lease again
-- (a retry after a dropped connection whose first call went through) changes nothing and answers 0.
-- KEYS: lease, holder, deadline, done, queue, results, late.
-- ARGV: unit, lease id, 'done' or 'requeue', key lifetime (ms), then test key, result pairs.
-- Answers how many results were recorded, or -1 when the lease was no longer current.
local ttl = ARGV[4]
if redis.call('hget', KEYS[1], ARGV[1]) ~= ARGV[2] then
  if ARGV[3] == 'done' and redis.call('hget', KEYS[4], ARGV[1]) == ARGV[2] then
    return 0
  end
  local pairs = (#ARGV - 4) / 2
  if pairs > 0 then
    redis.call('incrby', KEYS[7], pairs)
    redis.call('pexpire', KEYS[7], ttl)
  end
  return -1
end
redis.call('hdel', KEYS[1], ARGV[1])
redis.call('hdel', KEYS[2], ARGV[1])
redis.call('zrem', KEYS[3], ARGV[1])
if ARGV[3] ~= 'done' then
  redis.call('lpush', KEYS[5], ARGV[1])
  redis.call('pexpire', KEYS[5], ttl)
  return 0
end
redis.call('hset', KEYS[4], ARGV[1], ARGV[2])
redis.call('pexpire', KEYS[4], ttl)
local recorded = 0
for i = 5, #ARGV, 2 do
  recorded = recorded + redis.call('hsetnx', KEYS[6], ARGV[i], ARGV[i + 1])
end
if #ARGV > 4 then
  redis.call('pexpire', KEYS[6], ttl)
end
return recorded
