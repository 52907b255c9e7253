import type { z } from 'zod';
import { RESEND_MAX_RECIPIENTS } from '../resend-policies.js';
import type { SendEmailRequest } from '../resend-schemas.js';

type Email = z.output<typeof SendEmailRequest>;

/** Resend's limit on attachments: 40 MB per email, after base64 decoding (resend.com/docs/dashboard/emails/attachments). */
export const RESEND_MAX_ATTACHMENTS_BYTES = 40 * 1024 * 1024;

/** Resend's error body, `{ statusCode, name, message }`, as a response. */
export function resendError(statusCode: number, name: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ statusCode, name, message }, { status: statusCode, headers });
}

/** A 422 `validation_error`, as Resend answers a bad field. */
export const validationError = (message: string) => resendError(422, 'validation_error', message);

/** The answer to input the operation's schema refuses: `missing_required_field` for an absent field, else `validation_error`. */
export function invalidInput(error: z.ZodError): Response {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'body';
  if (issue?.code === 'invalid_type' && /undefined/.test(issue.message))
    return resendError(422, 'missing_required_field', `Missing \`${field}\` field.`);
  if (issue?.path[0] === 'to' && JSON.stringify(issue).includes('too_big')) {
    return validationError(`Invalid \`to\` field. The maximum number of recipients is ${RESEND_MAX_RECIPIENTS}.`);
  }
  return validationError(`Invalid \`${field}\` field: ${issue?.message ?? 'invalid'}.`);
}

/** The answer to fields no operation declares. */
export const unknownFields = (names: string[]) =>
  validationError(`Unknown field${names.length > 1 ? 's' : ''}: ${names.map((n) => `\`${n}\``).join(', ')}.`);

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const addressOf = (value: string) => (/<([^>]+)>\s*$/.exec(value)?.[1] ?? value).trim();
const list = (value: string | readonly string[] | undefined) =>
  value === undefined ? [] : typeof value === 'string' ? [value] : [...value];

/** Checks one email past its schema, Resend's way; returns the refusal, or undefined when it would be sent. */
export function checkEmail(email: Email): Response | undefined {
  if (!ADDRESS.test(addressOf(email.from))) {
    return validationError(
      'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
    );
  }
  const to = list(email.to);
  if (to.length === 0) return resendError(422, 'missing_required_field', 'Missing `to` field.');
  if (to.length > RESEND_MAX_RECIPIENTS)
    return validationError(`Invalid \`to\` field. The maximum number of recipients is ${RESEND_MAX_RECIPIENTS}.`);
  for (const [field, values] of [
    ['to', to],
    ['cc', list(email.cc)],
    ['bcc', list(email.bcc)],
    ['reply_to', list(email.reply_to)],
  ] as const) {
    const bad = values.find((value) => !ADDRESS.test(addressOf(value)));
    if (bad !== undefined)
      return validationError(
        `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`,
      );
  }
  if (email.subject.trim() === '' && !email.template) return resendError(422, 'missing_required_field', 'Missing `subject` field.');
  if (!email.html && !email.text && !email.template) return resendError(422, 'missing_required_field', 'Missing `html` or `text` field.');
  if (email.template && (email.html || email.text)) return validationError('`html` and `text` cannot be used with `template`.');
  let bytes = 0;
  for (const attachment of email.attachments ?? []) {
    if (attachment.content === undefined && attachment.path === undefined) {
      return resendError(422, 'invalid_attachment', 'Attachment must have either a `content` or `path`.');
    }
    bytes += attachment.content ? Buffer.from(attachment.content, 'base64').length : 0;
  }
  if (bytes > RESEND_MAX_ATTACHMENTS_BYTES) return validationError('Attachments exceed the 40 MB limit per email.');
  for (const tag of email.tags ?? []) {
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(tag.name) || !/^[A-Za-z0-9_-]{1,256}$/.test(tag.value)) {
      return validationError('Invalid `tags` field. Tags should only contain ASCII letters, numbers, underscores, or dashes.');
    }
  }
  return undefined;
}

/** The addresses an email goes to, without display names. */
export function recipientsOf(email: { to: string | readonly string[] }): string[] {
  return list(email.to).map(addressOf);
}
