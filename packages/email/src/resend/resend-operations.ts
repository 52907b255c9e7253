import { defineOperation } from '@junction/core';
import { z } from 'zod';
import {
  CreateBatchEmailsResponse,
  ResendEmail,
  ResendEmailRef,
  SendBatchRequest,
  SendEmailRequest,
  SendEmailResponse,
} from './resend-schemas.js';

/** The Resend email endpoints, declared once (spec operation ids in brackets). */
export const resendOperations = {
  /** Sends one email [emails/send]. Carries an `Idempotency-Key`, so a retried send sends once. */
  sendEmail: defineOperation({
    method: 'POST',
    path: '/emails',
    input: SendEmailRequest,
    output: SendEmailResponse,
    description: 'Send an email',
  }),
  /**
   * Sends up to 100 emails in one request [emails/send-batch]: the body is
   * the list itself. One `Idempotency-Key` covers the batch; more than 100
   * emails, or a bad one, is refused before anything is sent.
   */
  sendBatch: defineOperation({
    method: 'POST',
    path: '/emails/batch',
    input: SendBatchRequest,
    output: CreateBatchEmailsResponse,
    description: 'Trigger up to 100 batch emails at once',
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
