import { Signature } from '@hubspot/api-client';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { hubspotV3, isWebhookVerificationError, standardWebhooks, standardWebhooksSigner } from '../../../src/index.js';
import { hubspotV3Signer } from '../support/provider-signers.js';

// What each signer writes must pass the provider's own library and core's verifier, and fail both once changed.
// HubSpot's is the generic HMAC signer configured as HubSpot signs (Stripe's is tested with @junction/payments and
// SendGrid's with @junction/email, which ship them).
const BODY = '{"id":"evt_1","type":"customer.created","note":"ünïcode ✓"}';
const NOW = Date.now();

function refusedByUs(verify: () => unknown): boolean {
  try {
    verify();
    return false;
  } catch (error) {
    return isWebhookVerificationError(error);
  }
}

describe('the signers against the provider libraries that verify them', () => {
  it('standardWebhooksSigner: the standardwebhooks library and the verifier accept it; svix-* headers carry the same signature', () => {
    const secret = `whsec_${Buffer.from('a signing key of 24 bytes').toString('base64')}`;
    const headers = standardWebhooksSigner({ secret }).sign({ body: BODY, id: 'msg_1', timestamp: NOW });
    expect(Object.keys(headers)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect(new Webhook(secret).verify(BODY, headers)).toEqual(JSON.parse(BODY));
    expect(standardWebhooks({ secret }).verify({ body: BODY, headers }).id).toBe('msg_1');
    expect(() => new Webhook(secret).verify(BODY.replace('evt_1', 'evt_2'), headers)).toThrow();

    // The standardwebhooks library reads only webhook-*; Svix senders (Resend) use the same scheme under svix-*.
    const svix = standardWebhooksSigner({ secret, prefix: 'svix' }).sign({ body: BODY, id: 'msg_1', timestamp: NOW });
    expect(svix).toEqual({
      'svix-id': 'msg_1',
      'svix-timestamp': headers['webhook-timestamp'],
      'svix-signature': headers['webhook-signature'],
    });
    expect(standardWebhooks({ secret }).verify({ body: BODY, headers: svix }).id).toBe('msg_1');

    const fresh = standardWebhooksSigner({ secret }).sign({ body: BODY });
    expect(fresh['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
  });

  it('hmacSigner, as HubSpot v3 signs: @hubspot/api-client Signature.isValid and the verifier accept it; another URL fails both', () => {
    const clientSecret = 'hubspot-signer-secret';
    const url = 'https://hooks.example.com/webhooks/hubspot?portal=62515&tag=a:b,c';
    const headers = hubspotV3Signer(clientSecret).sign({ body: BODY, url, timestamp: NOW });
    const official = (signedUrl: string) =>
      Signature.isValid({
        signatureVersion: 'v3',
        signature: headers['X-HubSpot-Signature-v3'] as string,
        clientSecret,
        requestBody: BODY,
        url: signedUrl,
        method: 'POST',
        timestamp: Number(headers['X-HubSpot-Request-Timestamp']),
      });
    expect(official(url)).toBe(true);
    expect(hubspotV3({ clientSecret }).verify({ body: BODY, headers, method: 'POST', url }).timestamp.getTime()).toBe(NOW);
    expect(official('https://hooks.example.com/other')).toBe(false);
    expect(refusedByUs(() => hubspotV3({ clientSecret }).verify({ body: BODY, headers, method: 'POST', url: `${url}&x=1` }))).toBe(true);
  });
});
