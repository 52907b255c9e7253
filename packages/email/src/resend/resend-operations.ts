import { defineOperation } from '@junction/core';
import { z } from 'zod';
import { ResendEmail, ResendEmailRef, SendEmailRequest, SendEmailResponse } from './resend-schemas.js';

/**
 * The Resend email endpoints, declared once (spec operation ids in
 * brackets). `POST /emails/batch` takes a JSON array, which an operation's
 * object input cannot encode, so it is sent by `sendResendBatch` instead.
 */
export const resendOperations = {
  /** Sends one email [emails/send]. Carries an `Idempotency-Key`, so a retried send sends once. */
  sendEmail: defineOperation({
    method: 'POST',
    path: '/emails',
    input: SendEmailRequest,
    output: SendEmailResponse,
    description: 'Send an email',
  }),
  /** Retrieves one email [emails/get]. */
  retrieveEmail: defineOperation({
    method: 'GET',
    path: '/emails/{id}',
    input: z.object({ id: z.string().min(1) }),
    output: ResendEmail,
    description: 'Retrieve a single email',
  }),
  /** Reschedules a scheduled email [emails/update]. Setting the same time twice has the effect of once. */
  updateEmail: defineOperation({
    method: 'PATCH',
    path: '/emails/{id}',
    input: z.object({ id: z.string().min(1), scheduled_at: z.string().optional() }),
    output: ResendEmailRef,
    idempotent: true,
    description: 'Update a single email',
  }),
  /** Cancels a scheduled email [emails/cancel]. */
  cancelEmail: defineOperation({
    method: 'POST',
    path: '/emails/{id}/cancel',
    input: z.object({ id: z.string().min(1) }),
    output: ResendEmailRef,
    description: 'Cancel the schedule of the e-mail',
  }),
};
