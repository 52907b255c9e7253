import { z } from 'zod';
import type { CustomValues } from './custom-fields.js';

/** What every unified record has besides its type's own fields. */
export interface CrmRecordBase<C = {}> {
  id: string;
  createdAt: Date | null;
  updatedAt: Date | null;
  /** Every property the provider sent, by the provider's names, unchecked: custom ones included. */
  properties: Record<string, unknown>;
  /** Your declared custom fields, typed (see `defineCustomFields`). */
  custom: CustomValues<C>;
  /** The provider's record as it came. */
  raw: unknown;
}

/** What every unified input may carry besides its type's own fields. */
export interface CrmInputBase<C = {}> {
  /** Provider properties passed through by their own names (for fields the unified model lacks). */
  properties?: Record<string, unknown>;
  /** Your declared custom fields. */
  custom?: CustomValues<C>;
}

/** The schema of the pass-through properties of an input. */
export const PassThroughProperties = z.record(z.string().min(1), z.unknown());
