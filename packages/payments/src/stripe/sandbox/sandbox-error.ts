/** The fields of a Stripe error body. */
export interface StripeErrorFields {
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  setup_intent?: unknown;
}

/**
 * An error answer, thrown inside a handler and turned into Stripe's shape:
 * `{ error: { type, code, message, … } }` with the status given.
 */
export class SandboxError extends Error {
  readonly status: number;
  readonly fields: StripeErrorFields;
  /** Extra response headers (e.g. `Stripe-Should-Retry`). */
  readonly headers: Record<string, string>;

  constructor(status: number, fields: StripeErrorFields, headers: Record<string, string> = {}) {
    super(fields.message);
    this.status = status;
    this.fields = fields;
    this.headers = headers;
  }
}

/** 400 `parameter_missing`. */
export function missingParam(param: string): SandboxError {
  return new SandboxError(400, {
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param,
    message: `Missing required param: ${param}.`,
    doc_url: 'https://stripe.com/docs/error-codes/parameter-missing',
  });
}

/** 400 `parameter_invalid_integer` and kin. */
export function invalidParam(param: string, message: string, code = 'parameter_invalid_string'): SandboxError {
  return new SandboxError(400, { type: 'invalid_request_error', code, param, message });
}

/** 404 `resource_missing`. */
export function noSuch(what: string, id: string, param = 'id'): SandboxError {
  return new SandboxError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${what}: '${id}'`,
    doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
  });
}

/** 400 on an object in the wrong state for the call. */
export function unexpectedState(code: string, message: string): SandboxError {
  return new SandboxError(400, {
    type: 'invalid_request_error',
    code,
    message,
    doc_url: `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`,
  });
}

/** Stripe's error answer: `{ "error": { … } }`, pretty-printed as Stripe sends it, with the error's status and headers. */
export function errorResponse(error: SandboxError): Response {
  return jsonResponse({ error: error.fields }, error.status, error.headers);
}

/** A JSON answer pretty-printed as Stripe's API sends it. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body, null, 2), { status, headers: { ...headers, 'content-type': 'application/json' } });
}
