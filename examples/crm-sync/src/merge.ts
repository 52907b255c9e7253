import { type Fields, SYNCED_FIELDS, type SyncedField, type User } from './schema.js';

/**
 * Who owns each field. `product`: the product's value is the truth; an edit
 * made in the CRM is undone at the next push (the email is the login and
 * the upsert key). `shared`: either side may edit it; see {@link mergeFromCrm}.
 */
export const OWNERSHIP: Record<SyncedField, 'product' | 'shared'> = {
  email: 'product',
  firstName: 'shared',
  lastName: 'shared',
  phone: 'shared',
  jobTitle: 'shared',
};

/** Emails match whatever their case, as both CRMs match them. */
export function same(field: SyncedField, a: string | null, b: string | null): boolean {
  return field === 'email' && a !== null && b !== null ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** What became of one field a CRM change touched. */
export interface FieldOutcome {
  field: SyncedField;
  /** The product's value before. */
  product: string | null;
  /** The CRM's value now. */
  crm: string | null;
  /**
   * `crm`: only the CRM changed it, copied to the product. `crm-newer`, `product-newer`: both
   * changed it, the later change wins (a tie goes to the product). `product-owned`: the CRM's edit
   * is undone. `converged`: both sides already hold the same value.
   */
  outcome: 'crm' | 'crm-newer' | 'product-newer' | 'product-owned' | 'converged';
}

/** The result of merging one CRM change into a user. */
export interface Merge {
  /** The fields to write to the user. */
  apply: Partial<Fields>;
  /** The new base: what both sides hold now, as far as the sync knows. */
  base: Fields;
  /** The CRM must get the product's values again (a product-owned field edited, or the product won). */
  repush: 'conflict' | 'product-owned' | undefined;
  outcomes: FieldOutcome[];
}

/**
 * The conflict rule: a three-way merge per field against the base (the
 * value both sides last agreed on). A field only the CRM changed goes to
 * the product; a field only the product changed goes to the CRM at the next
 * push. A field both changed to different values is a conflict: the side
 * whose record changed last wins (the CRM contact's modification time
 * against the user's `updated_at`; a tie goes to the product). A
 * product-owned field changed in the CRM is pushed back.
 */
export function mergeFromCrm(user: User, base: Fields, crm: Fields, crmModifiedAt: number): Merge {
  const merge: Merge = { apply: {}, base: { ...base }, repush: undefined, outcomes: [] };
  for (const field of SYNCED_FIELDS) {
    const theirs = crm[field];
    const ours = user[field];
    if (same(field, theirs, base[field])) continue; // the CRM did not change it: nothing to pull
    merge.base[field] = theirs;
    const outcome = (name: FieldOutcome['outcome']) => merge.outcomes.push({ field, product: ours, crm: theirs, outcome: name });
    if (same(field, theirs, ours)) {
      outcome('converged');
    } else if (OWNERSHIP[field] === 'product') {
      merge.repush ??= 'product-owned';
      outcome('product-owned');
    } else if (same(field, ours, base[field])) {
      merge.apply[field] = theirs;
      outcome('crm');
    } else if (crmModifiedAt > user.updatedAt) {
      merge.apply[field] = theirs;
      outcome('crm-newer');
    } else {
      merge.repush = 'conflict';
      outcome('product-newer');
    }
  }
  return merge;
}

/**
 * What a push sends: for a linked user, the fields the product changed
 * since the base; for a new one, every field it has. A field the product
 * has cleared (`null`) is not sent: the unified input has no "unset".
 */
export function fieldsToPush(user: User, base: Fields | undefined): Partial<Fields> {
  const send: Partial<Fields> = {};
  for (const field of SYNCED_FIELDS) {
    const value = user[field];
    if (value !== null && (base === undefined || !same(field, value, base[field]))) send[field] = value;
  }
  return send;
}
