import { type FaultFunction, type FaultScript, matchesRequest, type RequestMatcher } from '@junction/testing';

/** Faults by call number for the requests one matcher selects. */
export interface FaultRule {
  match: RequestMatcher;
  script: FaultScript;
}

/**
 * Several scripted plans on one server, each counting only its own
 * requests (a server takes one plan; this combines them).
 */
export function faultRules(rules: readonly FaultRule[]): FaultFunction {
  const calls = rules.map(() => 0);
  return ({ request }) => {
    const index = rules.findIndex((rule) => matchesRequest(rule.match, request));
    const rule = rules[index];
    if (!rule) return undefined;
    calls[index] = (calls[index] ?? 0) + 1;
    return rule.script[calls[index]];
  };
}

/**
 * The faults the demo's first run meets, a few per provider, each of a kind
 * real APIs produce. `after` faults strike once the provider has done the
 * work, so only the idempotency key stops the retry from doing it twice.
 */
export const DEMO_FAULTS = {
  stripe: faultRules([
    {
      match: { method: 'POST', path: '/v1/customers' },
      script: { 1: { kind: 'serverError', status: 503, when: 'after' }, 2: { kind: 'reset', when: 'after' } },
    },
    { match: { method: 'POST', path: '/v1/subscriptions' }, script: { 1: { kind: 'rateLimit', retryAfter: 1 } } },
  ]),
  hubspot: faultRules([{ match: { method: 'POST', path: /\/batch\/upsert$/ }, script: { 1: { kind: 'rateLimit', retryAfter: 1 } } }]),
  resend: faultRules([{ match: { method: 'POST', path: '/emails' }, script: { 1: { kind: 'serverError', status: 502, when: 'after' } } }]),
  analytics: faultRules([{ match: { method: 'POST', path: '/v1/events' }, script: { 1: { kind: 'reset' } } }]),
};
