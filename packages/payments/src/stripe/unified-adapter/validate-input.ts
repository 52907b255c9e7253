import { InputValidationError } from '@junction/core';
import type { z } from 'zod';

/**
 * Checks a unified input before anything is sent, with the same error a
 * connector operation gives: an `InputValidationError` naming each field.
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, method: string): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
  const summary = issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new InputValidationError(`Invalid input for payments.${method}: ${summary}. Nothing was sent; fix the input and call again.`, {
    issues,
  });
}
