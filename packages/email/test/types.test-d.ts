import { describe, expectTypeOf, it } from 'vitest';
import type { EmailMessage, EmailMessageInput, EmailProvider } from '../src/index.js';

describe('unified email types', () => {
  it('takes addresses as strings or { email, name }, and refuses other shapes at compile time', () => {
    const ok: EmailMessageInput = { from: { email: 'a@example.com', name: 'A' }, to: ['b@example.com'], subject: 's', text: 't' };
    expectTypeOf(ok).toMatchTypeOf<EmailMessageInput>();
    // @ts-expect-error a recipient is an address, not a number
    const bad: EmailMessageInput = { from: 'a@example.com', to: 42, subject: 's', text: 't' };
    expectTypeOf(bad).toMatchTypeOf<EmailMessageInput>();
  });

  it('gives validated messages with mailboxes as lists of { email, name }', () => {
    expectTypeOf<EmailMessage['to']>().toEqualTypeOf<{ email: string; name: string | null }[]>();
    expectTypeOf<ReturnType<EmailProvider['send']>>().resolves.toHaveProperty('id').toEqualTypeOf<string>();
  });
});
