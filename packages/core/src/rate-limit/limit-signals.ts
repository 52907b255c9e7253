import type { JunctionResponse } from '../pipeline/context.js';
import { askedWaitMs, retryAfterMs } from '../pipeline/retry-after.js';
import type { RateLimitBudget, RateLimitPolicy, ResetFormat } from './rate-limit-policy.js';

/** Header lookup over either a `Headers` or a plain record with lowercase names. */
export type HeaderSource = Headers | Readonly<Record<string, string>>;

function header(headers: HeaderSource, name: string): string | undefined {
  return headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name.toLowerCase()];
}

/** True when the answer means "rate limited": a 429, or a signal the policy declares. */
export function isLimitSignal(response: JunctionResponse, policy: RateLimitPolicy | undefined): boolean {
  if (response.status === 429) return true;
  return signalFor(response, policy) !== undefined;
}

function signalFor(response: JunctionResponse, policy: RateLimitPolicy | undefined) {
  return policy?.signals?.find((signal) => {
    const statuses: readonly number[] = typeof signal.status === 'number' ? [signal.status] : signal.status;
    return statuses.includes(response.status) && (signal.when?.(response) ?? true);
  });
}

/**
 * How long a rate-limited answer asks us to wait: the signal's own reading,
 * else `retry-after`, else the budget's reset header, else the common reset headers.
 */
export function limitWaitMs(response: JunctionResponse, policy: RateLimitPolicy | undefined, now = Date.now()): number | undefined {
  const own = signalFor(response, policy)?.waitMs?.(response);
  if (own !== undefined) return Math.max(0, own);
  const retryAfter = askedWaitMs((name) => response.headers.get(name), now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = policy?.budget ? resetWaitMs(response.headers, policy.budget, now) : undefined;
  return reset ?? retryAfterMs(response.headers, now);
}

/**
 * The wait until the budget's reset when the answer says the budget is
 * spent (remaining at or below the floor); undefined while budget is left,
 * or when the headers are missing or unreadable.
 */
export function spentBudgetWaitMs(headers: HeaderSource, budget: RateLimitBudget, now = Date.now()): number | undefined {
  const remaining = toNumber(header(headers, budget.remaining));
  if (remaining === undefined || remaining > (budget.floor ?? 0)) return undefined;
  return resetWaitMs(headers, budget, now);
}

function resetWaitMs(headers: HeaderSource, budget: RateLimitBudget, now: number): number | undefined {
  const value = toNumber(header(headers, budget.reset));
  return value === undefined ? undefined : Math.max(0, toDelay(value, budget.resetFormat, now));
}

function toDelay(value: number, format: ResetFormat, now: number): number {
  switch (format) {
    case 'epoch-seconds':
      return value * 1000 - now;
    case 'epoch-ms':
      return value - now;
    case 'delta-seconds':
      return value * 1000;
    case 'delta-ms':
      return value;
  }
}

function toNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
