import { expect } from 'vitest';
import {
  isWebhookVerificationError,
  type WebhookVerificationError,
  type WebhookVerificationReason,
} from '../../../../src/webhooks/verify/index.js';

/** Runs `fn`, asserts it threw a WebhookVerificationError with `reason`, and returns the error. */
export function expectRejection(fn: () => unknown, reason: WebhookVerificationReason): WebhookVerificationError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(isWebhookVerificationError(thrown), `expected a WebhookVerificationError, got ${String(thrown)}`).toBe(true);
  const error = thrown as WebhookVerificationError;
  expect(error.reason, error.message).toBe(reason);
  return error;
}

/** A fixed "now" for every test: 2025-01-15T12:00:00Z. */
export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

/** A clock stuck at {@link NOW}. */
export const fixedClock = (): number => NOW;
