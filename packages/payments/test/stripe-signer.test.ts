import { isWebhookVerificationError, stripe } from '@junction/core';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { stripeSigner } from '../src/stripe/index.js';

const BODY = '{"id":"evt_1","type":"customer.created","note":"ünïcode ✓"}';
const NOW = Date.now();
const SECRET = 'whsec_signer_test_0123456789abcdef';

describe('stripeSigner against stripe-node', () => {
  it('constructEvent and core’s stripe verifier accept what it signs; a changed body fails both', () => {
    const headers = stripeSigner({ secret: SECRET }).sign({ body: BODY, timestamp: NOW });
    const header = headers['Stripe-Signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const sdk = new Stripe('sk_test_unused');
    expect(sdk.webhooks.constructEvent(BODY, header, SECRET).id).toBe('evt_1');
    expect(stripe({ secret: SECRET }).verify({ body: BODY, headers }).timestamp.getTime()).toBe(Math.floor(NOW / 1000) * 1000);
    expect(() => sdk.webhooks.constructEvent(`${BODY} `, header, SECRET)).toThrow();
    let refused: unknown;
    try {
      stripe({ secret: SECRET }).verify({ body: `${BODY} `, headers });
    } catch (error) {
      refused = error;
    }
    expect(isWebhookVerificationError(refused)).toBe(true);
  });
});
