import { LimiterError, type LimiterRefusal } from '../errors/limiter-error.js';
import { formatWait } from '../retry/format-wait.js';
import type { ScheduleOptions } from './rate-limiter.js';

/** What a refusal needs to say: the limiter's name and the limits it applied. */
export interface RefusalContext {
  name: string;
  maxQueued: number;
  /** The call's max wait. */
  maxWaitMs: number;
  /** Milliseconds left in the bucket's pause; 0 when not paused. */
  pausedMs: number;
}

/** The LimiterError for a call the limiter will not send, saying why and what to change. */
export function limiterRefusal(reason: LimiterRefusal, options: ScheduleOptions, at: RefusalContext): LimiterError {
  const what = options.request ? `${options.request.method} ${options.request.url}` : 'the call';
  const paused = Math.ceil(at.pausedMs);
  const messages: Record<LimiterRefusal, string> = {
    queue_full: `${at.name}: ${at.maxQueued} calls are already waiting (rateLimit.maxQueued), so ${what} was not sent. Send fewer calls at once, or raise maxQueued.`,
    max_wait: `${at.name}: ${what} could not start within ${at.maxWaitMs} ms (rateLimit.maxWaitMs) and was not sent.`,
    paused: `${at.name}: the provider asked to wait ${formatWait(paused)} more, longer than ${what} may wait (rateLimit.maxWaitMs ${at.maxWaitMs} ms), so it was not sent.`,
    stopped: `${at.name}: the rate limiter was stopped, so ${what} was not sent.`,
  };
  return new LimiterError(messages[reason], {
    reason,
    ...(options.request ? { request: options.request } : {}),
    ...(paused > 0 ? { retryAfterMs: paused } : {}),
  });
}
