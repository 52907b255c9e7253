import type { RecordedRequest } from '../loopback/recorded-request.js';
import type { Fault } from './fault.js';
import type { FaultFunction, FaultPlan, FaultRates, FaultScript, ScopedFaultPlan } from './fault-plan.js';
import { matchesRequest } from './match-request.js';
import { RATE_KEYS, ratePicker } from './rate-picker.js';
import { scriptPicker } from './script-picker.js';

/** Picks the fault for each request in arrival order; holds the plan's call count and generator. */
export type FaultPicker = (request: RecordedRequest) => Fault | undefined;

/** Validates `plan` and turns it into a picker, throwing at once on a plan that makes no sense. */
export function compileFaultPlan(plan: FaultPlan): FaultPicker {
  const decide = toFunction(plan);
  const scope = isScoped(plan) ? plan.match : undefined;
  let index = 0;
  return (request) => {
    if (scope && !matchesRequest(scope, request)) return undefined;
    index += 1;
    const fault = decide({ index, request });
    if (!fault || (fault.match && !matchesRequest(fault.match, request))) return undefined;
    return fault;
  };
}

function toFunction(plan: FaultPlan): FaultFunction {
  if (typeof plan === 'function') return plan;
  if (isScoped(plan)) {
    const inner = compileFaultPlan(plan.plan);
    return ({ request }) => inner(request);
  }
  const keys = Object.keys(plan);
  const numbered = keys.filter((key) => /^\d+$/.test(key));
  if (numbered.length === keys.length) return scriptPicker(plan as FaultScript);
  if (numbered.length > 0) {
    const named = keys.filter((key) => !numbered.includes(key));
    throw new TypeError(`A fault plan cannot mix call numbers (${numbered.join(', ')}) with other keys (${named.join(', ')}).`);
  }
  const unknown = keys.filter((key) => !RATE_KEYS.has(key));
  if (unknown.length > 0) {
    throw new TypeError(
      `Unknown fault plan keys: ${unknown.join(', ')}. A plan is a script ({ 3: fault }), rates ({ serverError: 0.1, ... }), a function, or { match, plan }.`,
    );
  }
  return ratePicker(plan as FaultRates);
}

function isScoped(plan: FaultPlan): plan is ScopedFaultPlan {
  return typeof plan === 'object' && 'plan' in plan && 'match' in plan;
}
