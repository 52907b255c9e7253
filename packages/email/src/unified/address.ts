import { z } from 'zod';

// What providers accept in practice: one @, no spaces or angle brackets, a dotted domain. Full RFC 5322 is not what they check either.
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

/** An email address, checked for the shape providers accept. */
export const Email = z.string().trim().regex(EMAIL, { message: 'is not an email address (expected name@example.com)' });

/** A mailbox: `jenny@example.com`, or `{ email, name }` for a display name. Normalized to `{ email, name }`. */
export const Mailbox = z.preprocess(
  // A bare address reads as `{ email }`, so a bad one is reported at `…email` with the address check's message.
  (value) => (typeof value === 'string' ? { email: value } : value),
  z.object({ email: Email, name: z.string().min(1).optional() }).transform(({ email, name }) => ({ email, name: name ?? null })),
);
/** A mailbox as given. */
export type MailboxInput = string | { email: string; name?: string };
/** A mailbox, normalized. */
export type Mailbox = z.output<typeof Mailbox>;

/** One mailbox or several, normalized to a list. */
export const Mailboxes = z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(Mailbox));
