import { createHmac } from 'node:crypto';
import { isWebhookVerificationError } from '@junction/core';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
// The differential harness and the cases every verifier preset shares live with core's verifier tests; read from there, not copied.
import {
  DIFFERENTIAL_BODY as BODY,
  type DifferentialCase,
  differentialTable,
  type PlainDelivery,
  SIGNED_AT,
  sharedCases,
} from '../../core/test/webhooks/verify/support/differential.js';
import type { KeyName } from '../../core/test/webhooks/verify/support/preset-contract.js';
import { stripeSigner, stripeVerifier } from '../src/stripe/index.js';

// Measured against stripe-node's constructEvent (its API key is never used).
const stripeSdk = new Stripe('sk_test_unused');

const SECRETS: Record<KeyName, string> = {
  primary: 'whsec_diff_primary_5a1b2c3d4e5f6a7b8c',
  secondary: 'whsec_diff_secondary_9f8e7d6c5b4a3928',
  wrong: 'whsec_diff_wrong_00000000000000000000',
};

const HEADER = 'stripe-signature';
const t = SIGNED_AT / 1000;

function sign(body: string | Buffer, atMs: number, key: KeyName = 'primary'): PlainDelivery {
  const header = stripeSdk.webhooks.generateTestHeaderString({ payload: body.toString(), secret: SECRETS[key], timestamp: atMs / 1000 });
  return { body, headers: { [HEADER]: header } };
}

/** A v1 over any content, for headers stripe-node cannot generate. */
function hmac(content: string | Buffer, key: KeyName = 'primary'): string {
  return createHmac('sha256', SECRETS[key]).update(content).digest('hex');
}

const v1 = hmac(`${t}.${BODY}`);
const delivery = (header: string, body: string | Buffer = BODY): PlainDelivery => ({ body, headers: { [HEADER]: header } });
// `{"note":"<FF>"}`: not UTF-8, so stripe-node's decoding turns the byte into U+FFFD before it signs.
const notUtf8 = Buffer.concat([Buffer.from('{"note":"'), Buffer.from([0xff]), Buffer.from('"}')]);

const specific: DifferentialCase[] = [
  {
    name: 'several v1, the last one matching',
    delivery: delivery(`t=${t},v1=${hmac(`${t}.${BODY}`, 'wrong')},v1=${v1}`),
    expected: 'accept',
  },
  { name: 'a v0 beside the v1', delivery: delivery(`t=${t},v1=${v1},v0=${'0'.repeat(64)}`), expected: 'accept' },
  { name: 'only a v0', delivery: delivery(`t=${t},v0=${v1}`), expected: 'reject' },
  { name: 'upper-case hex', delivery: delivery(`t=${t},v1=${v1.toUpperCase()}`), expected: 'reject' },
  { name: 'a space after a comma ( v1=…)', delivery: delivery(`t=${t}, v1=${v1}`), expected: 'reject' },
  { name: 'a space before the v1 value', delivery: delivery(`t=${t},v1= ${v1}`), expected: 'reject' },
  { name: 'a space after t= (parseInt skips it)', delivery: delivery(`t= ${t},v1=${v1}`), expected: 'accept' },
  { name: 'a zero-padded t=, signed as the number', delivery: delivery(`t=0${t},v1=${v1}`), expected: 'accept' },
  { name: 'a zero-padded t=, signed as sent', delivery: delivery(`t=0${t},v1=${hmac(`0${t}.${BODY}`)}`), expected: 'reject' },
  { name: 'a fractional t=, signed as its whole part', delivery: delivery(`t=${t}.9,v1=${v1}`), expected: 'accept' },
  { name: 'two t=, the last one signed', delivery: delivery(`t=${t - 100},t=${t},v1=${v1}`), expected: 'accept' },
  { name: 'two t=, the first one signed', delivery: delivery(`t=${t},t=${t - 100},v1=${v1}`), expected: 'reject' },
  { name: 'an empty v1 beside a matching one', delivery: delivery(`t=${t},v1=,v1=${v1}`), expected: 'reject' },
  { name: 'a v1 followed by =…', delivery: delivery(`t=${t},v1=${v1}=x`), expected: 'accept' },
  { name: 'no t=', delivery: delivery(`v1=${v1}`), expected: 'reject' },
  { name: 't=-1 (stripe-node: no timestamp)', delivery: delivery(`t=-1,v1=${hmac(`-1.${BODY}`)}`), expected: 'reject' },
  {
    name: 'a t= that is not a number, signed with "NaN"',
    delivery: delivery(`t=soon,v1=${hmac(`NaN.${BODY}`)}`),
    divergence: { ours: 'reject', why: 'stripe-node skips the replay check for a NaN time, so such a delivery verifies forever' },
  },
  {
    name: 'a t= beyond the range of dates, signed as the number',
    delivery: delivery(`t=${'9'.repeat(20)},v1=${hmac(`${Number.parseInt('9'.repeat(20), 10)}.${BODY}`)}`),
    divergence: { ours: 'reject', why: 'stripe-node takes any future time, so such a delivery verifies for ever' },
  },
  {
    name: 'a body that is not UTF-8, signed as its bytes',
    delivery: delivery(`t=${t},v1=${hmac(Buffer.concat([Buffer.from(`${t}.`), notUtf8]))}`, notUtf8),
    divergence: { ours: 'accept', why: 'stripe-node signs the body decoded as UTF-8 with replacements, not its bytes' },
  },
  {
    name: 'a body that is not UTF-8, signed as the text it decodes to',
    delivery: delivery(`t=${t},v1=${hmac(`${t}.${notUtf8.toString()}`)}`, notUtf8),
    divergence: { ours: 'reject', why: 'stripe-node accepts bytes that were never signed when they decode to signed text' },
  },
].map((c) => ({ nowMs: SIGNED_AT, ...c }) as DifferentialCase);

differentialTable(
  {
    title: 'stripeVerifier()',
    ours: (d, nowMs, keys) => stripeVerifier({ secrets: keys.map((key) => SECRETS[key]), now: () => nowMs }).verify(d),
    official: (d, nowMs, key) =>
      stripeSdk.webhooks.constructEvent(d.body, d.headers[HEADER] as string, SECRETS[key], undefined, undefined, nowMs),
  },
  [
    ...sharedCases({
      sign,
      signatureHeader: HEADER,
      tamper: (value) => value.slice(0, -1) + (value.endsWith('0') ? '1' : '0'),
      toleranceMs: 300_000,
      refusesFuture: false,
    }),
    ...specific,
  ],
);

describe('stripeSigner against stripe-node', () => {
  const body = '{"id":"evt_1","type":"customer.created","note":"ünïcode ✓"}';
  const now = Date.now();

  it('constructEvent and stripeVerifier accept what it signs; a changed body fails both', () => {
    const headers = stripeSigner({ secret: SECRETS.primary }).sign({ body, timestamp: now });
    const header = headers['Stripe-Signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(stripeSdk.webhooks.constructEvent(body, header, SECRETS.primary).id).toBe('evt_1');
    const verifier = stripeVerifier({ secret: SECRETS.primary });
    expect(verifier.verify({ body, headers }).timestamp.getTime()).toBe(Math.floor(now / 1000) * 1000);
    expect(() => stripeSdk.webhooks.constructEvent(`${body} `, header, SECRETS.primary)).toThrow();
    let refused: unknown;
    try {
      verifier.verify({ body: `${body} `, headers });
    } catch (error) {
      refused = error;
    }
    expect(isWebhookVerificationError(refused)).toBe(true);
  });
});
