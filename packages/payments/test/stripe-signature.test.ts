import { createHmac } from 'node:crypto';
import { isConfigurationError } from '@junction/core';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
// The cases every verifier preset shares live with core's verifier tests; read from there, not copied.
import { expectRejection, fixedClock, NOW } from '../../core/test/webhooks/verify/support/expect-rejection.js';
import { type KeyName, presetContract } from '../../core/test/webhooks/verify/support/preset-contract.js';
import { stripeVerifier } from '../src/stripe/index.js';

const SECRETS: Record<KeyName, string> = {
  primary: 'whsec_test_primary_3f9a0c1d2e4b5a6978',
  secondary: 'whsec_test_secondary_8b7c6d5e4f3a2918',
  wrong: 'whsec_test_wrong_000000000000000000',
};

// Stripe's own SDK produces the signatures; its API key is never used.
const stripeSdk = new Stripe('sk_test_unused');

function header(body: string, secret: string, atMs: number): string {
  return stripeSdk.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: Math.floor(atMs / 1000) });
}

presetContract({
  title: 'stripeVerifier()',
  toleranceMs: 300_000,
  verifier: (keys) => stripeVerifier({ secrets: keys.map((key) => SECRETS[key]), now: fixedClock }),
  sign: (body, key, atMs) => ({ headers: { 'stripe-signature': header(body, SECRETS[key], atMs) } }),
  signatureHeader: 'Stripe-Signature',
  garbledSignature: 'this is not a stripe signature',
  secrets: Object.values(SECRETS),
  truncate: (ms) => Math.floor(ms / 1000) * 1000,
  refusesFuture: false,
});

describe('stripeVerifier(): specifics', () => {
  const body = '{"id":"evt_2","object":"event"}';
  const at = NOW - 10_000;

  it('accepts a header with several v1 signatures (Stripe rolling its secret) when any one matches', () => {
    const ours = header(body, SECRETS.primary, at).split(',')[1];
    const other = header(body, SECRETS.wrong, at).split(',')[1];
    const verifier = stripeVerifier({ secret: SECRETS.primary, now: fixedClock });
    expect(verifier.verify({ body, headers: { 'Stripe-Signature': `t=${Math.floor(at / 1000)},${other},${ours}` } }).keyIndex).toBe(0);
  });

  it('ignores a test-mode v0 signature and a header that carries only v0', () => {
    const signed = header(body, SECRETS.primary, at);
    const verifier = stripeVerifier({ secret: SECRETS.primary, now: fixedClock });
    expect(verifier.verify({ body, headers: { 'stripe-signature': `${signed},v0=${'0'.repeat(64)}` } }).keyIndex).toBe(0);
    const onlyV0 = signed.replace('v1=', 'v0=');
    expect(expectRejection(() => verifier.verify({ body, headers: { 'stripe-signature': onlyV0 } }), 'malformed_header').message).toMatch(
      /no v1= signature/,
    );
  });

  it('refuses headers without a timestamp or with a non-numeric one, and takes the last of two as stripe-node does', () => {
    const v1 = header(body, SECRETS.primary, at).split(',')[1];
    const verifier = stripeVerifier({ secret: SECRETS.primary, now: fixedClock });
    const t = Math.floor(at / 1000);
    expect(expectRejection(() => verifier.verify({ body, headers: { 'stripe-signature': v1 ?? '' } }), 'malformed_header').message).toMatch(
      /no t= timestamp/,
    );
    expect(verifier.verify({ body, headers: { 'stripe-signature': `t=${t - 5},t=${t},${v1}` } }).timestamp.getTime()).toBe(t * 1000);
    expectRejection(() => verifier.verify({ body, headers: { 'stripe-signature': `t=soon,${v1}` } }), 'malformed_header');
  });

  it('takes t=-1 as no timestamp, as stripe-node does, even when the v1 signs it', () => {
    const verifier = stripeVerifier({ secret: SECRETS.primary, toleranceSec: Number.POSITIVE_INFINITY, now: fixedClock });
    const v1 = createHmac('sha256', SECRETS.primary).update(`-1.${body}`).digest('hex');
    const error = expectRejection(() => verifier.verify({ body, headers: { 'stripe-signature': `t=-1,v1=${v1}` } }), 'malformed_header');
    expect(error.message).toMatch(/reads as no timestamp/);
    expect(error.header).toBe('Stripe-Signature');
  });

  it('takes a v1 that is not 64 lower-case hex characters as malformed, not as a mismatch', () => {
    const verifier = stripeVerifier({ secret: SECRETS.primary, now: fixedClock });
    const error = expectRejection(
      () => verifier.verify({ body, headers: { 'stripe-signature': `t=${Math.floor(at / 1000)},v1=abc123` } }),
      'malformed_header',
    );
    expect(error.message).toMatch(/64 lower-case hex characters/);
  });

  it('refuses an empty body in every form, as constructEvent does, saying the raw body may have been lost', () => {
    const verifier = stripeVerifier({ secret: SECRETS.primary, now: fixedClock });
    for (const empty of ['', Buffer.alloc(0), new ArrayBuffer(0)]) {
      const headers = { 'stripe-signature': header('', SECRETS.primary, at) };
      const error = expectRejection(() => verifier.verify({ body: empty, headers }), 'no_matching_signature');
      expect(error.message).toMatch(/body is empty/);
      expect(error.message).toMatch(/express\.raw/);
    }
  });

  it('honours a wider toleranceSec', () => {
    const old = NOW - 400_000;
    const headers = { 'stripe-signature': header(body, SECRETS.primary, old) };
    expectRejection(
      () => stripeVerifier({ secret: SECRETS.primary, now: fixedClock }).verify({ body, headers }),
      'timestamp_out_of_tolerance',
    );
    expect(
      stripeVerifier({ secret: SECRETS.primary, toleranceSec: 600, now: fixedClock }).verify({ body, headers }).timestamp.getTime(),
    ).toBe(old);
  });

  it("says where to find the endpoint's signing secret when no signature matches, and names Stripe", () => {
    const verifier = stripeVerifier({ secret: SECRETS.primary, now: fixedClock });
    const error = expectRejection(
      () => verifier.verify({ body, headers: { 'stripe-signature': header(body, SECRETS.wrong, at) } }),
      'no_matching_signature',
    );
    expect(error.message).toMatch(/not the one Stripe signs with/);
    expect(error.message).toMatch(/signing secret \(whsec_…\) from the Dashboard/);
    expect(verifier.name).toBe('stripe');
  });

  it('names Stripe when the header is missing', () => {
    const error = expectRejection(
      () => stripeVerifier({ secret: SECRETS.primary, now: fixedClock }).verify({ body, headers: {} }),
      'missing_header',
    );
    expect(error.message).toMatch(/Stripe-Signature header is missing, so this request cannot be verified as coming from Stripe/);
  });

  it('keys the HMAC with the whole whsec_ string, not a decoded form', () => {
    // A Standard Webhooks verifier would base64-decode after whsec_; Stripe must not.
    const verifier = stripeVerifier({ secret: SECRETS.primary, now: fixedClock });
    const headers = { 'stripe-signature': header(body, SECRETS.primary.slice('whsec_'.length), at) };
    expectRejection(() => verifier.verify({ body, headers }), 'no_matching_signature');
  });

  it('hints at whitespace around a secret without showing it', () => {
    const verifier = stripeVerifier({ secret: `${SECRETS.primary}\n`, now: fixedClock });
    const error = expectRejection(
      () => verifier.verify({ body, headers: { 'stripe-signature': header(body, SECRETS.primary, at) } }),
      'no_matching_signature',
    );
    expect(error.message).toMatch(/Secret #1 starts or ends with whitespace/);
    expect(error.message).not.toContain(SECRETS.primary);
  });

  it('refuses an API key, a missing secret, both options, and a bad tolerance at set-up', () => {
    const setupError = (fn: () => unknown): string => {
      try {
        fn();
      } catch (error) {
        expect(isConfigurationError(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error('expected a ConfigurationError');
    };
    const apiKey = setupError(() => stripeVerifier({ secret: 'sk_test_51Habc' }));
    expect(apiKey).toMatch(/API key/);
    expect(apiKey).not.toContain('51Habc');
    expect(setupError(() => stripeVerifier({ secrets: [] }))).toMatch(/no secret/);
    expect(setupError(() => stripeVerifier({ secret: '' }))).toMatch(/empty/);
    expect(setupError(() => stripeVerifier({ secret: 'whsec_a', secrets: ['whsec_b'] } as never))).toMatch(/not both/);
    expect(setupError(() => stripeVerifier({ secret: SECRETS.primary, toleranceSec: 0 }))).toMatch(/positive/);
  });
});
