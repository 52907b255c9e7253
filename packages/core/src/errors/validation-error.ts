import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from './junction-error.js';

/** One problem found by a schema: where, and what. */
export interface ValidationIssue {
  /** The path to the offending value, e.g. `['items', 0, 'price']`. */
  path: (string | number)[];
  message: string;
}

/** Options for the validation errors. */
export interface ValidationErrorOptions extends JunctionErrorOptions {
  issues: ValidationIssue[];
}

/** The input given to an operation does not match its schema. Nothing was sent. */
export class InputValidationError extends JunctionError {
  readonly issues: ValidationIssue[];

  constructor(message: string, options: ValidationErrorOptions) {
    super(message, options);
    this.issues = options.issues;
    brand(this, 'InputValidationError');
  }
}

/** True when `value` is an {@link InputValidationError}. */
export function isInputValidationError(value: unknown): value is InputValidationError {
  return hasBrand(value, 'InputValidationError');
}

/** Options for {@link ResponseValidationError}. */
export interface ResponseValidationErrorOptions extends ValidationErrorOptions {
  status: number;
  /** The body as received (redacted). */
  body: unknown;
}

/** The provider's response does not match the operation's output schema. */
export class ResponseValidationError extends JunctionError {
  readonly issues: ValidationIssue[];
  readonly status: number;
  readonly body: unknown;

  constructor(message: string, options: ResponseValidationErrorOptions) {
    super(message, options);
    this.issues = options.issues;
    this.status = options.status;
    this.body = options.body;
    brand(this, 'ResponseValidationError');
  }
}

/** True when `value` is a {@link ResponseValidationError}. */
export function isResponseValidationError(value: unknown): value is ResponseValidationError {
  return hasBrand(value, 'ResponseValidationError');
}
