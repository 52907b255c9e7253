import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isJunctionError } from '../../../src/errors/junction-error.js';
import { hmacSigner } from '../../../src/webhooks/sign/index.js';
import {
  fromHeaders,
  headerLookup,
  hmacVerifier,
  isWebhookVerificationError,
  part,
  WebhookVerificationError,
} from '../../../src/webhooks/verify/index.js';
import { expectRejection, fixedClock, NOW } from './support/expect-rejection.js';

const secret = 'inputs-test-secret';
const verifier = hmacVerifier({
  secret,
  fields: fromHeaders({ signature: 'X-Sig', timestamp: 'X-Ts' }),
  template: [part.timestamp, '.', part.body],
  encoding: 'hex',
  now: fixedClock,
});
const ts = String(Math.floor(NOW / 1000));
const body = '{"ok":true}';
const sig = hmacSigner({
  secret,
  template: [part.timestamp, '.', part.body],
  encoding: 'hex',
  headers: ({ signature }) => ({ 'X-Sig': signature }),
}).sign({ body, timestamp: NOW })['X-Sig'] as string;

describe('headers in every common shape', () => {
  it('reads a Fetch Headers, a plain object in any case, and Node-style string[] values', () => {
    expect(verifier.verify({ body, headers: new Headers({ 'X-Sig': sig, 'X-Ts': ts }) }).keyIndex).toBe(0);
    expect(verifier.verify({ body, headers: { 'X-SIG': sig, 'x-Ts': ts } }).keyIndex).toBe(0);
    expect(verifier.verify({ body, headers: { 'x-sig': [sig], 'x-ts': ts, 'set-cookie': ['a=1', 'b=2'] } }).keyIndex).toBe(0);
  });

  it('refuses a header sent twice rather than guess which one counts', () => {
    const error = expectRejection(() => verifier.verify({ body, headers: { 'x-sig': sig, 'x-ts': [ts, ts] } }), 'malformed_header');
    expect(error.message).toMatch(/sent 2 times/);
    expectRejection(() => verifier.verify({ body, headers: { 'x-sig': sig, 'X-Sig': sig, 'x-ts': ts } }), 'malformed_header');
  });

  it('counts every value of a header across keys in any case and string[] values, ignoring undefined and empty lists', () => {
    const error = expectRejection(
      () => verifier.verify({ body, headers: { 'x-sig': [sig], 'X-SIG': sig, 'x-ts': ts } }),
      'malformed_header',
    );
    expect(error.message).toMatch(/X-Sig header was sent 2 times/);
    expect(verifier.verify({ body, headers: { 'X-Sig': [], 'x-sig': sig, 'x-ts': ts, 'X-TS': undefined } }).keyIndex).toBe(0);
    expect(headerLookup({ 'x-a': [], 'X-A': ['first'] })('x-a')).toBe('first');
  });

  it('treats an empty header as missing, and reads any other value as sent, whitespace included', () => {
    expectRejection(() => verifier.verify({ body, headers: { 'x-sig': '', 'x-ts': ts } }), 'missing_header');
    expectRejection(() => verifier.verify({ body, headers: { 'x-sig': '  ', 'x-ts': ts } }), 'malformed_header');
    expect(headerLookup({ a: '', b: undefined })('a')).toBeUndefined();
    expect(headerLookup({ a: ' x ' })('a')).toBe(' x ');
    expect(headerLookup(new Headers({ a: 'x' }))('A')).toBe('x');
  });
});

describe('raw bodies', () => {
  const headers = { 'x-sig': sig, 'x-ts': ts };

  it('accepts a string, Buffer, Uint8Array, ArrayBuffer and other typed views of the same bytes', () => {
    const bytes = new TextEncoder().encode(body);
    const offset = new Uint8Array(bytes.byteLength + 4);
    offset.set(bytes, 2);
    for (const raw of [body, Buffer.from(body), bytes, bytes.buffer, new DataView(offset.buffer, 2, bytes.byteLength)]) {
      expect(verifier.verify({ body: raw as Uint8Array, headers }).keyIndex).toBe(0);
    }
  });

  it('refuses parsed, stringified, missing and streamed bodies with body_not_raw', () => {
    const cases: [unknown, RegExp][] = [
      [{ ok: true }, /already parsed into an object/],
      [[{ ok: true }], /already parsed into an object/],
      ['[object Object]', /"\[object Object\]"/],
      [undefined, /No webhook body was given \(undefined\)/],
      [null, /No webhook body was given \(null\)/],
      [Readable.from([body]), /is a stream/],
      [new Response(body).body, /is a stream/],
      [42, /is a number/],
    ];
    for (const [raw, why] of cases) {
      const error = expectRejection(() => verifier.verify({ body: raw as string, headers }), 'body_not_raw');
      expect(error.message).toMatch(why);
      expect(error.message).toMatch(/raw, unparsed body/);
    }
  });

  it('checks the body before anything else, so the commonest mistake is the one reported', () => {
    expectRejection(() => verifier.verify({ body: { ok: true } as unknown as string, headers: {} }), 'body_not_raw');
  });
});

describe('WebhookVerificationError', () => {
  it('is a branded JunctionError with a reason, and serializes its fields', () => {
    const error = new WebhookVerificationError('nope', { reason: 'missing_header', header: 'X-Sig' });
    expect(isWebhookVerificationError(error)).toBe(true);
    expect(isJunctionError(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WebhookVerificationError');
    expect(error.toJSON()).toEqual({ name: 'WebhookVerificationError', message: 'nope', reason: 'missing_header', header: 'X-Sig' });
    expect(isWebhookVerificationError(new Error('nope'))).toBe(false);
    expect(isWebhookVerificationError({ reason: 'missing_header' })).toBe(false);
  });

  it('is recognised across duplicate copies of the package (brands, not instanceof)', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('junction.error.WebhookVerificationError')]: true });
    expect(isWebhookVerificationError(foreign)).toBe(true);
  });
});
