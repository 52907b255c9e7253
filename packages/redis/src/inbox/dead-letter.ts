import type { IncomingEvent } from '@junction/core';
import type { Job } from 'bullmq';

/** An event whose every attempt failed, kept for inspection and replay. */
export interface DeadLetter {
  /** The event as received: give its id to `inbox.replay`. */
  event: IncomingEvent;
  /** The last attempt's error message. */
  error: string;
  /** How many attempts ran. */
  attempts: number;
  /** When the last attempt failed. */
  failedAt: Date | undefined;
}

/** A failed job as a {@link DeadLetter}; `error` is the failure just seen, when the job's own record is not updated yet. */
export function deadLetterOf(job: Job<IncomingEvent>, error?: Error): DeadLetter {
  return {
    event: job.data,
    error: error?.message ?? job.failedReason,
    attempts: job.attemptsMade,
    failedAt: job.finishedOn === undefined ? undefined : new Date(job.finishedOn),
  };
}
