import { z } from 'zod';
import type { CrmInputBase, CrmRecordBase } from './crm-record.js';

/** A contact's unified fields, each nullable (a provider may not have it set). */
export interface ContactFields {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  jobTitle: string | null;
}

/** A person in the CRM. */
export interface Contact<C = {}> extends ContactFields, CrmRecordBase<C> {}

/** What creating or updating a contact takes: any of its fields (an update changes only those given). */
export interface ContactInput<C = {}> extends Partial<{ [K in keyof ContactFields]: NonNullable<ContactFields[K]> }>, CrmInputBase<C> {}

/** The unified contact fields' input schemas. */
export const CONTACT_INPUT_FIELDS = {
  email: z.email(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string(),
  jobTitle: z.string(),
};
