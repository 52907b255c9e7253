import type { Fault } from './fault.js';
import type { FaultFunction, FaultRate, FaultRates } from './fault-plan.js';
import { seededRandom } from './seeded-random.js';

// A fixed order, so the sequence depends on the seed and not on how the plan's keys were written.
const KINDS = ['rateLimit', 'serverError', 'reset', 'malformed'] as const;

/** The keys a {@link FaultRates} plan may have. */
export const RATE_KEYS: ReadonlySet<string> = new Set<string>([...KINDS, 'seed', 'latencyMs']);

/** Turns a rate plan into a fault function with its own generator. */
export function ratePicker(rates: FaultRates): FaultFunction {
  const entries = KINDS.flatMap((kind) => {
    const entry: FaultRate<Fault> | undefined = rates[kind];
    if (entry === undefined) return [];
    const { rate, ...details } = typeof entry === 'number' ? { rate: entry } : entry;
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`Fault rate ${kind} must be between 0 and 1, got ${rate}.`);
    return [{ rate, fault: { ...details, kind } as Fault }];
  });
  const total = entries.reduce((sum, e) => sum + e.rate, 0);
  if (total > 1 + 1e-9) throw new RangeError(`Fault rates add up to ${total}; they must add up to at most 1.`);
  const [min, max] = latencyRange(rates.latencyMs);
  const random = seededRandom(rates.seed ?? 1);

  return () => {
    const roll = random();
    // Draw the latency every time, so one request's outcome never shifts the next one's.
    const latency = Math.round(min + random() * (max - min));
    let acc = 0;
    const chosen = entries.find((e) => {
      acc += e.rate;
      return roll < acc;
    });
    if (!chosen) return latency > 0 ? { kind: 'latency', delayMs: latency } : undefined;
    const delayMs = (chosen.fault.delayMs ?? 0) + latency;
    return delayMs > 0 ? { ...chosen.fault, delayMs } : { ...chosen.fault };
  };
}

function latencyRange(latency: FaultRates['latencyMs']): [number, number] {
  const [min, max] = typeof latency === 'number' ? [latency, latency] : (latency ?? [0, 0]);
  if (!(min >= 0 && max >= min)) throw new RangeError(`latencyMs must be a number >= 0 or a range [min, max] with 0 <= min <= max.`);
  return [min, max];
}
