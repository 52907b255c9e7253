import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { standardWebhooks, standardWebhooksSigner } from '../../../src/index.js';

// What each signer writes must pass the provider's own library and core's verifier, and fail both once changed.
// Providers' signers are tested with the packages that ship them (Stripe's in @junction/payments, SendGrid's in
// @junction/email, HubSpot's in @junction/crm).
const BODY = '{"id":"evt_1","type":"customer.created","note":"ünïcode ✓"}';
const NOW = Date.now();

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
});
