import { randomUUID } from 'node:crypto';
import { HUBSPOT_BURST_INTERVAL_MS, HUBSPOT_POLICY, HUBSPOT_RATE_LIMIT_HEADERS, HUBSPOT_SEARCH_PER_SECOND } from '../hubspot-policies.js';

/** The sandbox's limits, all configurable; defaults are HubSpot's Professional tier. */
export interface HubspotSandboxLimits {
  /** Requests per rolling window (policy TEN_SECONDLY_ROLLING). Default 190. */
  perInterval?: number;
  /** The rolling window. Default 10 000 ms; make it short in tests. */
  intervalMs?: number;
  /** Requests per day (policy DAILY). Default 650 000. */
  daily?: number;
  /** Search requests per second (policy SECONDLY). Default 5. */
  searchPerSecond?: number;
}

/** A rolling-window meter: HubSpot counts requests in the last `intervalMs`, not in fixed windows. */
class RollingWindow {
  #hits: number[] = [];
  constructor(
    readonly limit: number,
    readonly intervalMs: number,
  ) {}
  /** Counts a request; false when the window is full (the request is not counted). */
  take(now: number): boolean {
    this.#hits = this.#hits.filter((at) => at > now - this.intervalMs);
    if (this.#hits.length >= this.limit) return false;
    this.#hits.push(now);
    return true;
  }
  remaining(now: number): number {
    return Math.max(0, this.limit - this.#hits.filter((at) => at > now - this.intervalMs).length);
  }
  reset(): void {
    this.#hits = [];
  }
}

/**
 * HubSpot's meters: a rolling 10-second window, a daily count, and the
 * search endpoints' per-second window, each answering HubSpot's 429 with its
 * `policyName`. A test can also force the next answers to be 429s.
 */
export class HubspotLimits {
  readonly #burst: RollingWindow;
  readonly #search: RollingWindow;
  readonly #daily: number;
  readonly #now: () => number;
  #usedToday = 0;
  readonly #forced: string[] = [];

  constructor(limits: HubspotSandboxLimits, now: () => number) {
    this.#burst = new RollingWindow(limits.perInterval ?? 190, limits.intervalMs ?? HUBSPOT_BURST_INTERVAL_MS);
    this.#search = new RollingWindow(limits.searchPerSecond ?? HUBSPOT_SEARCH_PER_SECOND, 1000);
    this.#daily = limits.daily ?? 650_000;
    this.#now = now;
  }

  /** Makes the next `times` requests answer 429 with `policyName`. */
  force(policyName: string, times = 1): void {
    for (let i = 0; i < times; i++) this.#forced.push(policyName);
  }

  /** Spends the day's budget, so requests answer DAILY until `reset()`. */
  spendDay(): void {
    this.#usedToday = this.#daily;
  }

  /** The 429 for this request, or undefined (and the request is counted). */
  refuse(operation: string): Response | undefined {
    const now = this.#now();
    const forced = this.#forced.shift();
    if (forced) return this.#tooMany(forced);
    if (this.#usedToday >= this.#daily) return this.#tooMany(HUBSPOT_POLICY.daily);
    if (operation === 'searchObjects' && !this.#search.take(now)) return this.#tooMany(HUBSPOT_POLICY.secondly);
    if (!this.#burst.take(now)) return this.#tooMany(HUBSPOT_POLICY.tenSecondlyRolling);
    this.#usedToday += 1;
    return undefined;
  }

  /** The rate-limit headers HubSpot puts on every answer. */
  headers(): Record<string, string> {
    const now = this.#now();
    return {
      [HUBSPOT_RATE_LIMIT_HEADERS.daily]: String(this.#daily),
      [HUBSPOT_RATE_LIMIT_HEADERS.dailyRemaining]: String(Math.max(0, this.#daily - this.#usedToday)),
      [HUBSPOT_RATE_LIMIT_HEADERS.intervalMs]: String(this.#burst.intervalMs),
      [HUBSPOT_RATE_LIMIT_HEADERS.max]: String(this.#burst.limit),
      [HUBSPOT_RATE_LIMIT_HEADERS.remaining]: String(this.#burst.remaining(now)),
    };
  }

  reset(): void {
    this.#burst.reset();
    this.#search.reset();
    this.#usedToday = 0;
    this.#forced.length = 0;
  }

  #tooMany(policyName: string): Response {
    const what =
      policyName === HUBSPOT_POLICY.daily ? 'daily' : policyName === HUBSPOT_POLICY.secondly ? 'secondly' : 'ten_secondly_rolling';
    return Response.json(
      {
        status: 'error',
        message: `You have reached your ${what} limit.`,
        errorType: 'RATE_LIMIT',
        correlationId: randomUUID(),
        policyName,
        requestId: randomUUID(),
      },
      {
        status: 429,
        headers:
          policyName === HUBSPOT_POLICY.secondly ? { ...this.headers(), [HUBSPOT_RATE_LIMIT_HEADERS.intervalMs]: '1000' } : this.headers(),
      },
    );
  }
}
