-- Stores the build's plan once: the first node to arrive writes it, fills the queue with the
-- plan's units in order and starts the build at its own attempt; every later node gets the stored
-- hash back to compare with its own.
-- KEYS: plan, plan hash, queue, attempt.  ARGV: hash, plan, unit count, key lifetime (ms), attempt.
local stored = redis.call('get', KEYS[2])
if stored then
  return { stored, 0 }
end
local ttl = ARGV[4]
redis.call('set', KEYS[1], ARGV[2], 'px', ttl)
redis.call('set', KEYS[2], ARGV[1], 'px', ttl)
redis.call('set', KEYS[4], ARGV[5], 'px', ttl)
local count = tonumber(ARGV[3])
local batch = {}
for unit = 0, count - 1 do
  batch[#batch + 1] = unit
  -- unpack has a stack limit: push in slices.
  if #batch == 1000 then
    redis.call('rpush', KEYS[3], unpack(batch))
    batch = {}
  end
end
if #batch > 0 then
  redis.call('rpush', KEYS[3], unpack(batch))
end
if count > 0 then
  redis.call('pexpire', KEYS[3], ttl)
end
return { ARGV[1], 1 }
