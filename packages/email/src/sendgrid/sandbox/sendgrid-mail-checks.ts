import type { SendMailInput } from '../sendgrid-schemas.js';

/** One error as SendGrid lists it. */
export interface SendgridSandboxError {
  message: string;
  field: string | null;
  help: string | null;
}

/** SendGrid's limit on a whole message, attachments included: 30 MB (Mail Send API overview). */
export const SENDGRID_MAX_MESSAGE_BYTES = 30 * 1024 * 1024;
/** SendGrid's most recipients (to + cc + bcc) across all personalizations (Mail Send API overview). */
export const SENDGRID_MAX_RECIPIENTS = 1000;

const help = (anchor: string) => `http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.${anchor}`;

/** A SendGrid error body, `{ errors: [{ message, field, help }] }`, as a Response. */
export function sendgridErrorResponse(status: number, errors: readonly SendgridSandboxError[]): Response {
  return Response.json({ errors }, { status });
}

/**
 * What SendGrid checks in a Mail Send body beyond its schema, with its
 * messages: personalizations (1–1000, each with a `to`), at most 1000
 * recipients in all, `from.email`, a subject unless `template_id`, content
 * unless `template_id`.
 */
export function checkMail(mail: SendMailInput): SendgridSandboxError[] {
  const errors: SendgridSandboxError[] = [];
  const personalizations = mail.personalizations ?? [];
  if (personalizations.length === 0) {
    errors.push({
      message: 'The personalizations field is required and must have at least one personalization.',
      field: 'personalizations',
      help: help('personalizations'),
    });
  }
  let recipients = 0;
  personalizations.forEach((p, i) => {
    if (!p.to || p.to.length === 0) {
      errors.push({
        message:
          'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
        field: `personalizations.${i}.to`,
        help: help('personalizations.to'),
      });
    }
    recipients += (p.to?.length ?? 0) + (p.cc?.length ?? 0) + (p.bcc?.length ?? 0);
  });
  if (recipients > SENDGRID_MAX_RECIPIENTS) {
    errors.push({
      message:
        'The total number of recipients must be no more than 1000. This includes all recipients defined within the to, cc, and bcc parameters, across each object that you include in the personalizations array.',
      field: 'personalizations',
      help: help('personalizations'),
    });
  }
  if (!mail.from?.email) {
    errors.push({
      message:
        'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.',
      field: 'from',
      help: help('from'),
    });
  }
  const subjectEverywhere =
    mail.subject !== undefined || (personalizations.length > 0 && personalizations.every((p) => p.subject !== undefined));
  if (!mail.template_id && !subjectEverywhere) {
    errors.push({
      message:
        'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
      field: 'subject',
      help: help('subject'),
    });
  }
  if (!mail.template_id && (!mail.content || mail.content.length === 0)) {
    errors.push({
      message:
        'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
      field: 'content',
      help: help('content'),
    });
  }
  return errors;
}
