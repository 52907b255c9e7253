import type { RequestMatcher } from './match-request.js';

/**
 * When a fault strikes. `before`: the handler never runs, as if the provider
 * never processed the request. `after`: the handler runs (its side effect
 * happens) and then the response is lost or replaced.
 */
export type FaultTiming = 'before' | 'after';

/** What every fault may say about when and where it strikes. */
export interface FaultOptions {
  /** Default `before`. */
  when?: FaultTiming;
  /** Wait this long at the moment the fault strikes, before acting. */
  delayMs?: number;
  /** Strike only requests this matches; others pass untouched. */
  match?: RequestMatcher;
}

/** Only delays the response; the request is then served normally. */
export interface LatencyFault extends Omit<FaultOptions, 'delayMs'> {
  kind: 'latency';
  delayMs: number;
}

/** Drops the connection with a TCP reset and no response: the client sees ECONNRESET. */
export interface ResetFault extends FaultOptions {
  kind: 'reset';
}

/** Answers a server error instead of the handler's response. */
export interface ServerErrorFault extends FaultOptions {
  kind: 'serverError';
  /** Default 500. */
  status?: number;
  /** Default a JSON error object. */
  body?: string;
  headers?: Record<string, string>;
}

/** Answers 429 Too Many Requests. */
export interface RateLimitFault extends FaultOptions {
  kind: 'rateLimit';
  /** Sent as `Retry-After`: a number of seconds, or an HTTP date as a string. Omitted: no header. */
  retryAfter?: number | string;
  /** Default a JSON error object. */
  body?: string;
  headers?: Record<string, string>;
}

/** Answers 200 with `content-type: application/json` and a body that is not valid JSON. */
export interface MalformedBodyFault extends FaultOptions {
  kind: 'malformed';
  /** Default a truncated JSON object. */
  body?: string;
  headers?: Record<string, string>;
}

/** One thing that can go wrong with one request. */
export type Fault = LatencyFault | ResetFault | ServerErrorFault | RateLimitFault | MalformedBodyFault;

/** The kinds of {@link Fault}. */
export type FaultKind = Fault['kind'];
