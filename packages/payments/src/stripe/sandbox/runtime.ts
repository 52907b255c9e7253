import type { IdGenerator } from '@junction/testing';
import type { BillingSettings } from './billing-settings.js';
import type { Clock } from './clock.js';
import type { EventLog } from './event-log.js';
import type { SandboxState } from './store.js';

/** What every sandbox handler shares: state, ids, the clock, events, and the request checks. */
export interface SandboxRuntime {
  /** The origin the handlers answer on, e.g. `https://api.stripe.com`. */
  origin: string;
  state: SandboxState;
  ids: IdGenerator;
  now: Clock;
  events: EventLog;
  /** The secret keys accepted. */
  keys: ReadonlySet<string>;
  /** The API version assumed when a request sends no `Stripe-Version`. */
  apiVersion: string;
  /** The origin of invoice PDFs (`invoice_pdf`). */
  pdfOrigin: string;
  /** How renewals are retried and when `invoice.upcoming` is sent. */
  billing: BillingSettings;
}
