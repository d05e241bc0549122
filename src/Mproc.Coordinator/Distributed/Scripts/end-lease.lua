-- Ends leases, each only for its current holder. 'done': the unit ran to its end, and its tests'
-- results are recorded in the same step (the first result of a test wins), so a unit is never done
-- without its results nor its results kept without the unit done. 'requeue': the node is stopping
-- before running it; it goes back to the front of the queue at once, without waiting for the
-- deadline and without counting as lost. Results under a lease that is no longer current (it
-- expired and the unit went to another node) are dropped and counted. Completing a lease again
-- (a retry after a dropped connection whose first call went through) changes nothing and answers 0.
-- KEYS: lease, holder, deadline, done, queue, results, late.
-- ARGV: 'done' or 'requeue', key lifetime (ms), then for each unit: unit, lease id, N, and N test
-- key, result pairs.
-- Answers, for each unit, how many results were recorded, or -1 when the lease was no longer current.
local outcome, ttl = ARGV[1], ARGV[2]
local answers = {}
local i = 3
while i <= #ARGV do
  local unit, id, n = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  local first = i + 3
  i = first + 2 * n
  if redis.call('hget', KEYS[1], unit) ~= id then
    if outcome == 'done' and redis.call('hget', KEYS[4], unit) == id then
      answers[#answers + 1] = 0
    else
      if n > 0 then
        redis.call('incrby', KEYS[7], n)
        redis.call('pexpire', KEYS[7], ttl)
      end
      answers[#answers + 1] = -1
    end
  else
    redis.call('hdel', KEYS[1], unit)
    redis.call('hdel', KEYS[2], unit)
    redis.call('zrem', KEYS[3], unit)
    if outcome ~= 'done' then
      redis.call('lpush', KEYS[5], unit)
      redis.call('pexpire', KEYS[5], ttl)
      answers[#answers + 1] = 0
    else
      redis.call('hset', KEYS[4], unit, id)
      redis.call('pexpire', KEYS[4], ttl)
      local recorded = 0
      for j = first, i - 1, 2 do
        recorded = recorded + redis.call('hsetnx', KEYS[6], ARGV[j], ARGV[j + 1])
      end
      if n > 0 then
        redis.call('pexpire', KEYS[6], ttl)
      end
      answers[#answers + 1] = recorded
    end
  end
end
return answers
