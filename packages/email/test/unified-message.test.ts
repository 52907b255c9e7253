import { isInputValidationError } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { attachmentBase64, EmailMessage, parseMessage } from '../src/index.js';

const base = { from: 'app@example.com', to: 'jenny@example.com', subject: 'Hi', text: 'Hello' };

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseMessage(input);
  } catch (error) {
    if (!isInputValidationError(error)) throw error;
    return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  }
  throw new Error('expected the message to be refused');
}

describe('the unified email message', () => {
  it('normalizes mailboxes to lists of { email, name } and keeps the rest', () => {
    const message = parseMessage({
      ...base,
      from: { email: 'app@example.com', name: 'The App' },
      cc: ['a@example.com', { email: 'b@example.com', name: 'B' }],
      scheduledAt: '2026-12-24T09:00:00Z',
      metadata: { order: '42' },
    });
    expect(message.from).toEqual({ email: 'app@example.com', name: 'The App' });
    expect(message.to).toEqual([{ email: 'jenny@example.com', name: null }]);
    expect(message.cc).toEqual([
      { email: 'a@example.com', name: null },
      { email: 'b@example.com', name: 'B' },
    ]);
    expect(message.scheduledAt).toEqual(new Date('2026-12-24T09:00:00Z'));
    expect(EmailMessage.safeParse(base).success).toBe(true);
  });

  it('names the field at fault: a bad address, no recipient, no body, no subject, a bad attachment', () => {
    expect(issuesOf({ ...base, to: 'not-an-address' })).toEqual([
      { path: 'to.0.email', message: expect.stringContaining('not an email address') },
    ]);
    expect(issuesOf({ ...base, to: [] })).toEqual([{ path: 'to', message: 'needs at least one recipient' }]);
    expect(issuesOf({ ...base, text: undefined })).toEqual([{ path: 'text', message: expect.stringContaining('no body') }]);
    expect(issuesOf({ ...base, subject: undefined })).toEqual([{ path: 'subject', message: expect.stringContaining('template') }]);
    expect(issuesOf({ ...base, attachments: [{ filename: 'a.pdf', content: 'not base64!' }] })).toEqual([
      { path: 'attachments.0.content', message: expect.stringContaining('base64') },
    ]);
    expect(issuesOf({ ...base, cc: [{ email: 'x@example.com' }, 'bad'] })[0]?.path).toBe('cc.1.email');
  });

  it('takes a template instead of a body and subject', () => {
    expect(
      parseMessage({ from: 'a@example.com', to: 'b@example.com', template: { id: 'd-123', data: { name: 'Jenny' } } }).template,
    ).toEqual({
      id: 'd-123',
      data: { name: 'Jenny' },
    });
  });

  it('gives attachments as base64 whichever way they came', () => {
    expect(attachmentBase64(new TextEncoder().encode('hello'))).toBe('aGVsbG8=');
    expect(attachmentBase64('aGVsbG8=')).toBe('aGVsbG8=');
  });
});
