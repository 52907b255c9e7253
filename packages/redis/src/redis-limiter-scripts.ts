/**
 * The shared rate limiter's atomic steps, one Lua script each, on three keys
 * of one bucket (in one cluster slot, see `bucketKeys`):
 *
 * - `running`: a sorted set of the slots in flight, scored by when their
 *   lease lapses (a process that dies mid-call stops renewing them);
 * - `log`: a sorted set of finished slots, scored by when each comes back
 *   (`intervalMs` after its call's answer): the same sliding log as core's
 *   in-process limiter, so the provider never sees more than `requests` in
 *   any interval, however it counts;
 * - `pause`: when the bucket's pause ends, as a Redis time in ms.
 *
 * Every time is read from Redis (`TIME`), so the processes' clocks never meet.
 */

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * ARGV: requests (0: no rate), maxConcurrent (0: no bound), leaseMs, slot id
 * base, how many slots are wanted. Returns `{granted, waitMs, paused}`:
 * granted slots are `<base>:1` … `<base>:<granted>`; with none granted,
 * waitMs says when to ask again (-1: unknown, a call in flight must answer
 * first) and paused is 1 when a pause is what holds the bucket.
 */
export const ACQUIRE = `${NOW}
local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
if paused > now then return {0, paused - now, 1} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local requests, concurrent = tonumber(ARGV[1]), tonumber(ARGV[2])
local running = redis.call('ZCARD', KEYS[1])
local free = tonumber(ARGV[5])
if concurrent > 0 then free = math.min(free, concurrent - running) end
if requests > 0 then free = math.min(free, requests - running - redis.call('ZCARD', KEYS[2])) end
if free <= 0 then
  local wait = -1
  if requests > 0 and (concurrent == 0 or running < concurrent) then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    if oldest[2] then wait = math.max(1, tonumber(oldest[2]) - now) end
  end
  return {0, wait, 0}
end
local lease = now + tonumber(ARGV[3])
for i = 1, free do redis.call('ZADD', KEYS[1], lease, ARGV[4] .. ':' .. i) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {free, 0, 0}`;

/**
 * ARGV: intervalMs (0: no rate, nothing is logged), then the slot ids. Each
 * leaves `running` and, when there is a rate, enters the log until it comes back.
 */
export const RELEASE = `${NOW}
local interval = tonumber(ARGV[1])
for i = 2, #ARGV do
  redis.call('ZREM', KEYS[1], ARGV[i])
  if interval > 0 then redis.call('ZADD', KEYS[2], now + interval, ARGV[i]) end
end
if interval > 0 then redis.call('PEXPIRE', KEYS[2], interval) end
return 1`;

/** ARGV: leaseMs, then the slot ids still in flight: their leases start again (gone ones stay gone). */
export const RENEW = `${NOW}
local lease = now + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', lease, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

/** ARGV: ms. Pauses the bucket for ms from now, unless a pause already lasts longer. */
export const PAUSE = `${NOW}
local until_ = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current < until_ then redis.call('SET', KEYS[1], until_, 'PX', ARGV[1]) end
return 1`;
