import { JunctionError } from '@junction/core';
import { brand, hasBrand } from '@junction/core/utils';
import type { Suppression } from './suppression.js';

/** `send` with `checkSuppressions` found recipients on a suppression list, and sent nothing. */
export class SuppressedRecipientError extends JunctionError {
  /** The suppressed recipients, with why. */
  readonly suppressions: readonly Suppression[];

  constructor(suppressions: readonly Suppression[]) {
    const list = suppressions.map((entry) => `${entry.email} (${entry.reason})`).join(', ');
    super(
      `Not sent: ${list} ${suppressions.length === 1 ? 'is' : 'are'} on a suppression list. Remove them from the message, or lift the suppression first.`,
    );
    this.suppressions = suppressions;
    brand(this, 'SuppressedRecipientError');
  }
}

/** True when `value` is a {@link SuppressedRecipientError}. */
export function isSuppressedRecipientError(value: unknown): value is SuppressedRecipientError {
  return hasBrand(value, 'SuppressedRecipientError');
}

/** Rejects when any of `recipients` is suppressed (looked up with `get`), else resolves. */
export async function refuseSuppressed(recipients: readonly string[], get: (email: string) => Promise<Suppression | null>): Promise<void> {
  const found = (await Promise.all(recipients.map(get))).filter((entry): entry is Suppression => entry !== null);
  if (found.length > 0) throw new SuppressedRecipientError(found);
}
