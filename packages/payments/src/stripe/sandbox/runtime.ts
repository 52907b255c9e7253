import type { Clock } from './clock.js';
import type { EventRecorder } from './event-recorder.js';
import type { IdempotencyLedger } from './idempotency-ledger.js';
import type { IdGenerator } from './ids.js';
import type { RateWindow } from './rate-window.js';
import type { SandboxState } from './store.js';

/** What every sandbox route shares: state, ids, the clock, events, and the request checks. */
export interface SandboxRuntime {
  /** The origin the handlers answer on, e.g. `https://api.stripe.com`. */
  origin: string;
  state: SandboxState;
  ids: IdGenerator;
  now: Clock;
  events: EventRecorder;
  ledger: IdempotencyLedger;
  /** The secret keys accepted. */
  keys: ReadonlySet<string>;
  /** The API version assumed when a request sends no `Stripe-Version`. */
  apiVersion: string;
  rate?: { window: RateWindow; retryAfterSeconds?: number };
}
