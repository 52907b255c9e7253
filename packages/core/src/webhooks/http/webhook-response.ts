import { isJunctionError } from '../../errors/junction-error.js';
import { isEventHandlerError } from '../events/handler-error.js';
import type { DeliveryOutcome, DeliveryResult } from '../receiver/create-receiver.js';
import { isWebhookPayloadError } from '../receiver/payload-error.js';
import { isWebhookVerificationError } from '../verify/webhook-verification-error.js';

/** An HTTP answer to a provider, independent of any framework. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  /** A small JSON document. */
  body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** The 2xx answer: every event was handled, now or before. */
export function successResponse(result: DeliveryResult): WebhookResponse {
  const counts: Record<DeliveryOutcome, number> = { handled: 0, duplicate: 0, queued: 0 };
  for (const event of result.events) counts[event.outcome]++;
  const { handled, duplicate: duplicates, queued } = counts;
  return json(200, { ok: true, handled, duplicates, ...(queued > 0 ? { queued } : {}) });
}

/**
 * The answer for a failure. Verification and payload errors say why (their
 * messages never hold a secret). Handler errors answer 500 so the provider
 * redelivers, with a fixed message: what your code threw stays in your logs.
 * A body that was parsed before it reached us is our setup's fault, so it
 * answers 500 too, and the provider keeps the events until it is fixed.
 */
export function errorResponse(error: unknown): WebhookResponse {
  if (isWebhookVerificationError(error)) {
    const status = error.reason === 'body_not_raw' ? 500 : 400;
    return json(status, { error: { type: 'verification_failed', reason: error.reason, message: error.message } });
  }
  if (isWebhookPayloadError(error)) {
    const status = error.reason === 'too_large' ? 413 : 400;
    return json(status, { error: { type: 'invalid_payload', reason: error.reason, message: error.message } });
  }
  if (isEventHandlerError(error)) {
    const failed = new Set(error.failures.map((f) => f.id)).size;
    return json(500, {
      error: {
        type: 'handler_failed',
        message: `Handling failed for ${failed} of ${error.eventCount} event(s); they were not marked as handled. Please redeliver.`,
      },
    });
  }
  const kind = isJunctionError(error) ? error.name : 'Error';
  return json(500, { error: { type: 'internal_error', message: `The webhook could not be handled (${kind}). Please redeliver.` } });
}

/** A JSON answer with a status. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): WebhookResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}
