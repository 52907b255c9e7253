import type { AnyConnector, CallOptions, ClientBase } from '@junction/core';
import { parseInput } from '@junction/core/utils';
import { z } from 'zod';
import { RESEND_BATCH_MAX } from './resend-policies.js';
import { CreateBatchEmailsResponse, SendEmailRequest } from './resend-schemas.js';

/** The path of Resend's batch endpoint (spec operation `emails/send-batch`). */
export const RESEND_BATCH_PATH = '/emails/batch';

/** The body of `POST /emails/batch`: 1 to 100 emails, each as `sendEmail` takes it. */
export const SendBatchRequest = z
  .array(SendEmailRequest)
  .min(1, { message: 'needs at least one email' })
  .max(RESEND_BATCH_MAX, {
    message: `has more emails than the ${RESEND_BATCH_MAX} one Resend batch takes: split it into chunks of ${RESEND_BATCH_MAX} (resendEmail() does)`,
  });

/** What a batch send resolves to: one `{ id }` per email, in the order sent. */
export type SendBatchResponse = z.output<typeof CreateBatchEmailsResponse>;

/**
 * Sends up to 100 emails in one `POST /emails/batch` (a JSON array, which an
 * operation's object input cannot encode, hence a function over the client's
 * `request()`). Like every POST it carries an `Idempotency-Key` kept across
 * retries. More than 100 emails, or a bad one, throws core's
 * `InputValidationError` before anything is sent.
 */
export async function sendResendBatch(
  client: Pick<ClientBase<AnyConnector>, 'request'>,
  emails: readonly SendEmailRequest[],
  options?: CallOptions,
): Promise<SendBatchResponse> {
  const body = parseInput(SendBatchRequest, emails, 'resend.sendBatch');
  const response = await client.request({ method: 'POST', path: RESEND_BATCH_PATH, body, output: CreateBatchEmailsResponse }, options);
  return response.data;
}
