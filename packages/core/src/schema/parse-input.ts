import type { z } from 'zod';
import type { RequestSummary } from '../errors/junction-error.js';
import { InputValidationError } from '../errors/validation-error.js';
import type { Redactor } from '../redaction/redactor.js';
import { describeIssues, toIssues } from './issues.js';
import { defOf } from './zod-def.js';

/** What {@link parseInput} adds to its error. */
export interface ParseInputOptions {
  /** The request the input was for, shown on the error (already redacted); a function is called only for an error. */
  request?: RequestSummary | (() => RequestSummary);
  /** Removes the client's secrets from the message and issues, when the input may hold them. */
  redactor?: Pick<Redactor, 'text' | 'value'>;
}

/**
 * Parses `input` with `schema` before anything is sent, or throws the
 * InputValidationError every Junction call throws for bad input: each field's
 * path and problem, in `where`'s name (`payments.createPayment`). An absent
 * input for an object schema is read as `{}`, so "missing field" names the field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: string, options: ParseInputOptions = {}): z.output<S> {
  const result = schema.safeParse(input === undefined && defOf(schema).type === 'object' ? {} : input);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  const message = `Invalid input for ${where}: ${describeIssues(issues)}. Nothing was sent; fix the input and call again.`;
  const redactor = options.redactor;
  throw new InputValidationError(redactor ? redactor.text(message) : message, {
    issues: redactor ? redactor.value(issues) : issues,
    ...(options.request ? { request: typeof options.request === 'function' ? options.request() : options.request } : {}),
  });
}
