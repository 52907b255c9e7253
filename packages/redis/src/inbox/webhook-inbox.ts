import type { DeliveryResult, EventOutcome, IncomingEvent, ReadDelivery, WebhookInput } from '@junction/core';
import { type BackoffOptions, type ConnectionOptions, type Job, Queue, Worker } from 'bullmq';
import { command, DEFAULT_COMMAND_TIMEOUT_MS } from '../redis-command.js';
import { checkMs } from '../redis-keys.js';
import { type DeadLetter, deadLetterOf } from './dead-letter.js';

/** What the inbox needs of a webhook receiver: core's `createWebhookReceiver` gives it. */
export interface InboxReceiver {
  /** Names the queue (`webhooks.<name>`) and scopes event ids. */
  readonly name: string;
  /** Verifies a delivery and reads its events without dispatching them. */
  read(input: WebhookInput): Promise<ReadDelivery>;
  /** Runs one event's handlers through the receiver's dedupe. */
  dispatch(event: IncomingEvent): Promise<EventOutcome>;
}

/** Options for {@link createWebhookInbox}. */
export interface WebhookInboxOptions {
  /**
   * Where the queue lives: an ioredis client or its options, as BullMQ takes
   * them. A client used by workers needs `maxRetriesPerRequest: null`.
   */
  connection: ConnectionOptions;
  /** Put before the queue's keys (BullMQ's prefix). Default `'junction'`. */
  prefix?: string;
  /** The queue's name. Default `webhooks.<receiver name>`, with `:` written as `.`. */
  queueName?: string;
  /** Runs of an event before it is a dead letter (the first included). Default 5. */
  attempts?: number;
  /** The wait between runs. Default exponential from 1 s (1, 2, 4, 8 s). */
  backoff?: BackoffOptions;
  /** How long dead letters are kept for inspection and replay. Default 14 days. */
  deadLetterTtlMs?: number;
  /** How long enqueueing a delivery may take before `receive` rejects with a `RedisStoreError` (the provider redelivers). Default 2000 ms. */
  commandTimeoutMs?: number;
  /** Called with the queue's and its workers' connection errors. Default: one line on `console.error`. */
  onError?: (error: Error) => void;
}

/** Options for {@link WebhookInbox.work}. */
export interface InboxWorkerOptions {
  /** Events this worker runs at once. Default 1. */
  concurrency?: number;
  /**
   * How long an event stays claimed by a worker that stopped answering (it
   * crashed, or its event loop is blocked) before another worker runs it.
   * Renewed while the handler runs. Default 30 000 ms.
   */
  lockMs?: number;
  /** Called once per event that used up its attempts and became a dead letter. */
  onDeadLetter?: (letter: DeadLetter) => void;
}

/** A running worker of an inbox. */
export interface InboxWorker {
  /** Stops taking events and waits for the ones running to finish. */
  close(): Promise<void>;
}

/** A durable webhook inbox: see {@link createWebhookInbox}. */
export interface WebhookInbox {
  /** The queue's name. */
  readonly queueName: string;
  /**
   * Verifies a delivery and queues its events; resolves once they are stored
   * in Redis, so the provider can be answered 2xx. Serve it with core's
   * adapters as you would a receiver: `createNodeMiddleware(inbox)`.
   * Rejects with the receiver's verification or payload error (nothing
   * queued), or a `RedisStoreError` when Redis does not take the events in time.
   */
  receive(input: WebhookInput): Promise<DeliveryResult>;
  /** Starts a worker in this process: it runs queued events through the receiver's handlers, retrying failures. */
  work(options?: InboxWorkerOptions): InboxWorker;
  /** The dead letters, most recent first: events whose every attempt failed. */
  deadLetters(options?: { limit?: number }): Promise<DeadLetter[]>;
  /** Queues dead letters again with fresh attempts: one by event id, or all. Resolves with how many were queued. */
  replay(eventId?: string): Promise<number>;
  /** Closes the queue and every worker this inbox started. */
  close(): Promise<void>;
}

/**
 * A webhook inbox on BullMQ: receivers verify deliveries, queue their events
 * and answer at once, so a slow handler never makes the provider time out and
 * redeliver; workers in any process run the receiver's handlers with retries
 * and backoff; an event whose attempts all fail waits as a dead letter until
 * replayed. Each event is queued under its id, so a redelivery does not queue
 * it twice while it waits, and is handled through the receiver's dedupe
 * store: give every process a receiver with the same shared store
 * (`createRedisIdempotencyStore`) so an event is handled once across
 * redeliveries, workers and a poller.
 */
export function createWebhookInbox(receiver: InboxReceiver, options: WebhookInboxOptions): WebhookInbox {
  const queueName = options.queueName ?? `webhooks.${receiver.name.replaceAll(':', '.')}`;
  const prefix = options.prefix ?? 'junction';
  const timeoutMs = checkMs('commandTimeoutMs', options.commandTimeoutMs, DEFAULT_COMMAND_TIMEOUT_MS);
  const deadLetterTtlMs = checkMs('deadLetterTtlMs', options.deadLetterTtlMs, 14 * 24 * 60 * 60 * 1000);
  const queue = new Queue<IncomingEvent, EventOutcome>(queueName, {
    connection: options.connection,
    prefix,
    defaultJobOptions: {
      attempts: options.attempts ?? 5,
      backoff: options.backoff ?? { type: 'exponential', delay: 1000 },
      // A handled event's record is the dedupe store's; the job itself need not stay.
      removeOnComplete: true,
      removeOnFail: { age: Math.ceil(deadLetterTtlMs / 1000) },
    },
  });
  const report = options.onError ?? ((error: Error) => console.error(`[junction] webhook inbox ${queueName}: ${error.message}`));
  queue.on('error', report);
  const workers: Worker[] = [];

  const failedJob = async (eventId: string) => {
    const job = await queue.getJob(jobIdOf(eventId));
    return job && (await job.isFailed()) ? job : undefined;
  };
  const requeue = (job: Job<IncomingEvent>) => job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });

  return {
    queueName,
    async receive(input) {
      const { events, verified } = await receiver.read(input);
      const jobs = events.map((event) => ({ name: event.type, data: event, opts: { jobId: jobIdOf(event.id) } }));
      await command('inbox.enqueue', timeoutMs, () => queue.addBulk(jobs));
      return { events: events.map(({ id, type }) => ({ id, type, outcome: 'queued' as const })), verified };
    },
    work(workerOptions = {}) {
      const lockMs = checkMs('lockMs', workerOptions.lockMs, 30_000);
      const worker = new Worker<IncomingEvent, EventOutcome>(queueName, (job) => receiver.dispatch(job.data), {
        connection: options.connection,
        prefix,
        concurrency: workerOptions.concurrency ?? 1,
        lockDuration: lockMs,
        // Checked as often as a lock lapses, so a crashed worker's events wait about lockMs, not lockMs plus BullMQ's 30 s.
        stalledInterval: lockMs,
      });
      worker.on('error', report);
      worker.on('failed', (job, error) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) workerOptions.onDeadLetter?.(deadLetterOf(job, error));
      });
      workers.push(worker);
      return { close: () => worker.close() };
    },
    async deadLetters({ limit = 100 } = {}) {
      const jobs = await queue.getFailed(0, limit - 1);
      return jobs.map((job) => deadLetterOf(job));
    },
    async replay(eventId) {
      if (eventId !== undefined) {
        const job = await failedJob(eventId);
        if (job) await requeue(job);
        return job ? 1 : 0;
      }
      // The ids first: a replayed event that fails again at once must not be replayed twice here.
      const jobs = await queue.getFailed(0, -1);
      await Promise.all(jobs.map(requeue));
      return jobs.length;
    },
    async close() {
      await Promise.all(workers.splice(0).map((worker) => worker.close()));
      await queue.close();
    },
  };
}

// BullMQ refuses `:` in job ids and ids that read as integers; an encoded id with a letter prefix is neither.
function jobIdOf(eventId: string): string {
  return `e.${encodeURIComponent(eventId)}`;
}
