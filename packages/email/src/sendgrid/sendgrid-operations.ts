import { defineOperation } from '@junction/core';
import { z } from 'zod';
import {
  EmailParam,
  SendgridBounce,
  SendgridSpamReport,
  SendgridUnsubscribe,
  SendMailInput,
  SendMailOutput,
  SuppressionListInput,
} from './sendgrid-schemas.js';

/** The header SendGrid's 202 carries the message id in; events carry it as the start of `sg_message_id`. */
export const SENDGRID_MESSAGE_ID_HEADER = 'X-Message-Id';

const recipients = z.object({ recipient_emails: z.array(z.string()) });

/**
 * SendGrid's operations: Mail Send and the suppression lists (bounces, spam
 * reports, global unsubscribes). Paths and fields from Twilio SendGrid's
 * OpenAPI specs.
 */
export const sendgridOperations = {
  sendMail: defineOperation({
    method: 'POST',
    path: '/v3/mail/send',
    input: SendMailInput,
    output: SendMailOutput,
    responseHeaders: { messageId: SENDGRID_MESSAGE_ID_HEADER },
    // No idempotency key exists: a repeat may deliver twice, so it is a side effect.
    idempotent: false,
    description: 'Sends a message (202, the id in X-Message-Id).',
  }),
  listBounces: defineOperation({
    method: 'GET',
    path: '/v3/suppression/bounces',
    input: SuppressionListInput,
    output: z.array(SendgridBounce),
  }),
  getBounce: defineOperation({
    method: 'GET',
    path: '/v3/suppression/bounces/{email}',
    input: EmailParam,
    output: z.array(SendgridBounce),
  }),
  deleteBounce: defineOperation({ method: 'DELETE', path: '/v3/suppression/bounces/{email}', input: EmailParam }),
  listSpamReports: defineOperation({
    method: 'GET',
    path: '/v3/suppression/spam_reports',
    input: SuppressionListInput,
    output: z.array(SendgridSpamReport),
  }),
  getSpamReport: defineOperation({
    method: 'GET',
    path: '/v3/suppression/spam_reports/{email}',
    input: EmailParam,
    output: z.array(SendgridSpamReport),
  }),
  deleteSpamReport: defineOperation({ method: 'DELETE', path: '/v3/suppression/spam_reports/{email}', input: EmailParam }),
  listGlobalUnsubscribes: defineOperation({
    method: 'GET',
    path: '/v3/suppression/unsubscribes',
    input: SuppressionListInput,
    output: z.array(SendgridUnsubscribe),
  }),
  getGlobalUnsubscribe: defineOperation({
    method: 'GET',
    path: '/v3/asm/suppressions/global/{email}',
    input: EmailParam,
    // `{}` when the address is not unsubscribed.
    output: z.object({ recipient_email: z.string().optional() }),
  }),
  addGlobalUnsubscribes: defineOperation({
    method: 'POST',
    path: '/v3/asm/suppressions/global',
    input: recipients,
    output: recipients,
    // Adding an address twice leaves it unsubscribed once.
    idempotent: true,
  }),
  deleteGlobalUnsubscribe: defineOperation({ method: 'DELETE', path: '/v3/asm/suppressions/global/{email}', input: EmailParam }),
};
