/**
 * @junction/testing: serve msw handlers from a real loopback server, inject
 * faults into it, and fake providers' idempotency, for testing integrations.
 */

export type {
  Fault,
  FaultKind,
  FaultOptions,
  FaultTiming,
  LatencyFault,
  MalformedBodyFault,
  RateLimitFault,
  ResetFault,
  ServerErrorFault,
} from './faults/fault.js';
export type { FaultController } from './faults/fault-controller.js';
export type { FaultCall, FaultFunction, FaultPlan, FaultRate, FaultRates, FaultScript, ScopedFaultPlan } from './faults/fault-plan.js';
export { matchesRequest, type RequestMatcher } from './faults/match-request.js';
export { seededRandom } from './faults/seeded-random.js';
export {
  type IdempotentEndpoint,
  type IdempotentEndpointOptions,
  idempotentEndpoint,
} from './idempotency/idempotent-endpoint.js';
export type { RecordedRequest } from './loopback/recorded-request.js';
export { type LoopbackServer, type LoopbackServerOptions, startLoopbackServer } from './loopback/start-loopback-server.js';
