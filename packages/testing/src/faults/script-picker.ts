import type { FaultFunction, FaultScript } from './fault-plan.js';

/** Turns a script keyed by call number into a fault function. */
export function scriptPicker(script: FaultScript): FaultFunction {
  for (const key of Object.keys(script)) {
    if (!/^[1-9]\d*$/.test(key)) throw new TypeError(`Fault script keys are call numbers from 1; got "${key}".`);
  }
  return ({ index }) => script[index];
}
