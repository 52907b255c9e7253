import type { RecordedRequest } from '../loopback/recorded-request.js';
import type { Fault, MalformedBodyFault, RateLimitFault, ResetFault, ServerErrorFault } from './fault.js';
import type { RequestMatcher } from './match-request.js';

/** What a fault function is told about each request. */
export interface FaultCall {
  /** 1 for the first request since the plan was set (counting only matching requests in a {@link ScopedFaultPlan}). */
  index: number;
  request: RecordedRequest;
}

/** Decides each request's fault itself. */
export type FaultFunction = (call: FaultCall) => Fault | undefined;

/** Faults by call number, 1-based: `{ 3: { kind: 'serverError', status: 503 } }` fails the third call. */
export type FaultScript = { readonly [call: number]: Fault };

/** A rate between 0 and 1, or a rate with the details of the fault it picks. */
export type FaultRate<F extends Fault> = number | ({ rate: number } & Omit<F, 'kind'>);

/**
 * Faults picked at random at the given rates, from a seeded generator so a
 * run can be repeated exactly. The rates must add up to at most 1.
 */
export interface FaultRates {
  /** Default 1: the same plan gives the same sequence unless a seed is chosen. */
  seed?: number;
  rateLimit?: FaultRate<RateLimitFault>;
  serverError?: FaultRate<ServerErrorFault>;
  reset?: FaultRate<ResetFault>;
  malformed?: FaultRate<MalformedBodyFault>;
  /** Latency added to every request: a fixed number of milliseconds, or a range drawn uniformly. */
  latencyMs?: number | readonly [min: number, max: number];
}

/** A plan that only sees the requests `match` selects; its call numbers count only those. */
export interface ScopedFaultPlan {
  match: RequestMatcher;
  plan: FaultPlan;
}

/** How the server picks faults: by script, by rate, by function, or any of these scoped to some requests. */
export type FaultPlan = FaultScript | FaultRates | FaultFunction | ScopedFaultPlan;
