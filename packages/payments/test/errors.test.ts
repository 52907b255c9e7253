import { ApiError } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { isStripeCardError, isStripeError, isStripeIdempotencyError, parseStripeError, StripeErrorBody } from '../src/stripe/index.js';

const response = (status: number, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers) });

describe('parseStripeError', () => {
  it("reads Stripe's error body into ApiError fields", () => {
    const body = {
      error: {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
        charge: 'ch_1',
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
        payment_intent: { id: 'pi_1', object: 'payment_intent', status: 'requires_payment_method' },
        request_log_url: 'https://dashboard.stripe.com/logs/req_1',
        some_new_field: true,
      },
    };
    expect(StripeErrorBody.safeParse(body).success).toBe(true);
    expect(parseStripeError(body, response(402, { 'request-id': 'req_1' }))).toEqual({
      type: 'card_error',
      code: 'card_declined',
      message: 'Your card has insufficient funds.',
      requestId: 'req_1',
      details: {
        decline_code: 'insufficient_funds',
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
        request_log_url: 'https://dashboard.stripe.com/logs/req_1',
        charge: 'ch_1',
        payment_intent: 'pi_1',
      },
    });
  });

  it('takes an error type Stripe adds later', () => {
    expect(parseStripeError({ error: { type: 'temporary_error', message: 'x' } }, response(400)).type).toBe('temporary_error');
  });

  it.each([
    [500, { 'stripe-should-retry': 'false' }, undefined, false],
    [400, { 'stripe-should-retry': 'true' }, undefined, true],
    [409, {}, 'idempotency_key_in_use', true],
    [429, {}, 'lock_timeout', true],
    [400, {}, 'parameter_missing', undefined],
    [503, {}, undefined, undefined],
  ])('status %i with %o and code %s is retryable: %s', (status, headers, code, expected) => {
    const info = parseStripeError({ error: { type: 'api_error', ...(code ? { code } : {}) } }, response(status, headers));
    expect(info.retryable).toBe(expected);
  });

  it('keeps the request id and the retry verdict of a body that is not Stripe-shaped', () => {
    expect(parseStripeError('<html>Bad gateway</html>', response(502, { 'request-id': 'req_2', 'stripe-should-retry': 'true' }))).toEqual({
      requestId: 'req_2',
      retryable: true,
    });
  });
});

describe('guards', () => {
  const error = (type: string, connector = 'stripe') =>
    new ApiError('x', { status: 402, type, retryable: false, request: { connector, method: 'POST', url: 'https://api.stripe.com/v1/x' } });

  it('tell card and idempotency errors apart by type, without reading messages', () => {
    expect(isStripeCardError(error('card_error'))).toBe(true);
    expect(isStripeCardError(error('invalid_request_error'))).toBe(false);
    expect(isStripeIdempotencyError(error('idempotency_error'))).toBe(true);
  });

  it("do not claim another connector's errors, or non-errors", () => {
    expect(isStripeError(error('card_error', 'acme'))).toBe(false);
    expect(isStripeCardError(new Error('card_error'))).toBe(false);
    expect(isStripeCardError({ type: 'card_error' })).toBe(false);
  });
});
