import type { RecordedRequest } from '../loopback/recorded-request.js';
import { compileFaultPlan, type FaultPicker } from './compile-fault-plan.js';
import type { Fault } from './fault.js';
import type { FaultPlan } from './fault-plan.js';

/** Changes a running server's faults. */
export interface FaultController {
  /** Replaces the plan; call counts and the random sequence start over. Throws on an invalid plan. */
  set(plan: FaultPlan): void;
  /** No more faults. */
  clear(): void;
  /** The plan in force, if any. */
  readonly plan: FaultPlan | undefined;
}

/** A controller plus the server-side call that consults it. */
export interface FaultSource extends FaultController {
  pick(request: RecordedRequest): Fault | undefined;
}

/** Creates the controller a loopback server consults for every request. */
export function createFaultController(initial?: FaultPlan): FaultSource {
  let plan: FaultPlan | undefined;
  let picker: FaultPicker | undefined;
  const controller: FaultSource = {
    set(next) {
      picker = compileFaultPlan(next); // compile first: an invalid plan leaves the old one in force
      plan = next;
    },
    clear() {
      plan = undefined;
      picker = undefined;
    },
    get plan() {
      return plan;
    },
    pick: (request) => picker?.(request),
  };
  if (initial) controller.set(initial);
  return controller;
}
