import type { z } from 'zod';
import type { ValidationIssue } from '../errors/validation-error.js';

/** The issues of a zod error in Junction's plain form. */
export function toIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
}

/** `items[0].price: Invalid input: expected string, received undefined; …` for error messages. */
export function describeIssues(issues: ValidationIssue[], max = 5): string {
  const shown = issues.slice(0, max).map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`);
  const more = issues.length > max ? `; and ${issues.length - max} more` : '';
  return `${shown.join('; ')}${more}`;
}

function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
