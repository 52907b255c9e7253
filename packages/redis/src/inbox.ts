/**
 * `@junction/redis/inbox`: a durable webhook inbox on BullMQ. Receivers queue
 * verified events and answer at once; workers in any process run the
 * handlers with retries, and failed events wait as dead letters. Needs the
 * `bullmq` package; the rest of `@junction/redis` does not.
 *
 * @module
 */

export type { DeadLetter } from './inbox/dead-letter.js';
export {
  createWebhookInbox,
  type InboxReceiver,
  type InboxWorker,
  type InboxWorkerOptions,
  type WebhookInbox,
  type WebhookInboxOptions,
} from './inbox/webhook-inbox.js';
