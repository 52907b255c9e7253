import { defineOperation } from '@junction/core';
import { z } from 'zod';

/** Why Resend suppresses an address (spec: `origin`). */
export const ResendSuppressionOrigin = z.enum(['bounce', 'complaint', 'manual']);

/** An address Resend will not send to [spec: GetSuppressionResponseSuccess]. */
export const ResendSuppression = z.object({
  object: z.string().optional(),
  id: z.string(),
  email: z.string(),
  origin: ResendSuppressionOrigin,
  /** The email that bounced or complained, when that is the origin. */
  source_id: z.string().nullable().optional(),
  created_at: z.string().optional(),
});
/** An address Resend will not send to. */
export type ResendSuppression = z.infer<typeof ResendSuppression>;

const Ref = z.object({ object: z.string().optional(), id: z.string(), deleted: z.boolean().optional() });

/** Resend's suppression list endpoints (spec operation ids in brackets). */
export const resendSuppressionOperations = {
  /** Suppresses an address by hand [suppressions/add]; adding one twice leaves one. */
  addSuppression: defineOperation({
    method: 'POST',
    path: '/suppressions',
    input: z.object({ email: z.string().min(1) }),
    output: Ref,
    idempotent: true,
    description: 'Create a suppression',
  }),
  /** The suppressed addresses, newest first, optionally of one origin [suppressions/list]. */
  listSuppressions: defineOperation({
    method: 'GET',
    path: '/suppressions',
    input: z.object({
      origin: ResendSuppressionOrigin.optional(),
      limit: z.number().int().min(1).max(100).optional(),
      after: z.string().optional(),
      before: z.string().optional(),
    }),
    output: z.object({ object: z.string().optional(), has_more: z.boolean(), data: z.array(ResendSuppression) }),
    description: 'Retrieve a list of suppressions',
  }),
  /** One suppression, by id or address [suppressions/get]. */
  retrieveSuppression: defineOperation({
    method: 'GET',
    path: '/suppressions/{suppression}',
    input: z.object({ suppression: z.string().min(1) }),
    output: ResendSuppression,
    description: 'Retrieve a single suppression by ID or email',
  }),
  /** Lifts a suppression, by id or address [suppressions/remove]. */
  removeSuppression: defineOperation({
    method: 'DELETE',
    path: '/suppressions/{suppression}',
    input: z.object({ suppression: z.string().min(1) }),
    output: Ref,
    description: 'Remove a single suppression by ID or email',
  }),
};
