import { z } from 'zod';
import { Address, AddressInput } from './address.js';
import { Metadata, Timestamp } from './money.js';
import type { WithRaw } from './with-raw.js';

/** A customer: someone who pays, kept at the provider so payments can be tied to them. */
export const Customer = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  description: z.string().nullable(),
  address: Address.nullable(),
  metadata: Metadata,
  createdAt: Timestamp,
  raw: z.unknown(),
});
/** A customer; `raw` is the provider's object. */
export type Customer<Raw = unknown> = WithRaw<z.infer<typeof Customer>, Raw>;

/** What a new customer is made with. */
export const CreateCustomerInput = z.object({
  email: z.string().optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
  description: z.string().optional(),
  address: AddressInput.optional(),
  metadata: Metadata.optional(),
});
/** What a new customer is made with. */
export type CreateCustomerInput = z.input<typeof CreateCustomerInput>;

/** Changes to a customer: a field left out stays as it is; `null` clears it; a metadata key set to `null` removes that key. */
export const UpdateCustomerInput = z.object({
  email: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  address: AddressInput.nullable().optional(),
  metadata: z.record(z.string(), z.string().nullable()).optional(),
});
/** Changes to a customer. */
export type UpdateCustomerInput = z.input<typeof UpdateCustomerInput>;

/** Which customers to list. */
export const ListCustomersFilter = z.object({
  /** Exact address (case-sensitive at Stripe). */
  email: z.string().optional(),
  createdAfter: Timestamp.optional(),
  createdBefore: Timestamp.optional(),
  /** Items fetched per page; iteration continues over every page whatever it is. */
  pageSize: z.number().int().min(1).max(100).optional(),
});
/** Which customers to list. */
export type ListCustomersFilter = z.input<typeof ListCustomersFilter>;
