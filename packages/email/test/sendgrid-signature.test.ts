import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { isConfigurationError } from '@junction/core';
import eventwebhook from '@sendgrid/eventwebhook';
import { describe, expect, it } from 'vitest';
import { expectRejection, fixedClock, NOW } from '../../core/test/webhooks/verify/support/expect-rejection.js';
import { type KeyName, presetContract } from '../../core/test/webhooks/verify/support/preset-contract.js';
import { sendgridVerifier as sendgrid } from '../src/sendgrid/index.js';

const { EventWebhook } = eventwebhook;

interface TestKey {
  privateKey: KeyObject;
  /** As SendGrid shows it: base64 of the SPKI DER. */
  publicKey: string;
  pem: string;
}

function newKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKey,
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const KEYS: Record<KeyName, TestKey> = { primary: newKey(), secondary: newKey(), wrong: newKey() };

const SIGNATURE = 'X-Twilio-Email-Event-Webhook-Signature';
const TIMESTAMP = 'X-Twilio-Email-Event-Webhook-Timestamp';

/** What SendGrid sends: a DER ECDSA P-256 / SHA-256 signature over timestamp + body, in base64. */
function sendgridSignature(body: string | Buffer, key: TestKey, timestamp: string): string {
  return sign('sha256', Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), key.privateKey).toString('base64');
}

function signed(body: string, key: TestKey, atMs: number): Record<string, string> {
  const timestamp = String(Math.floor(atMs / 1000));
  return { [SIGNATURE]: sendgridSignature(body, key, timestamp), [TIMESTAMP]: timestamp };
}

/** SendGrid's own verifier, for comparison. */
function sendgridLibraryAccepts(key: TestKey, body: string | Buffer, headers: Record<string, string>): boolean {
  const ew = new EventWebhook();
  return ew.verifySignature(ew.convertPublicKeyToECDSA(key.publicKey), body, headers[SIGNATURE] ?? '', headers[TIMESTAMP] ?? '');
}

presetContract({
  title: 'sendgridVerifier()',
  toleranceMs: 300_000,
  verifier: (keys) => sendgrid({ publicKeys: keys.map((key) => KEYS[key].publicKey), now: fixedClock }),
  sign: (body, key, atMs) => ({ headers: signed(body, KEYS[key], atMs) }),
  signatureHeader: SIGNATURE,
  timestampHeader: TIMESTAMP,
  garbledSignature: 'bm90IGEgREVSIHNpZ25hdHVyZQ==',
  // Public keys are not secret, but no key material belongs in a message either.
  secrets: Object.values(KEYS).map((key) => key.publicKey),
  truncate: (ms) => Math.floor(ms / 1000) * 1000,
  refusesFuture: false,
});

describe('sendgridVerifier(): agreement with @sendgrid/eventwebhook', () => {
  const at = NOW - 5_000;
  const bodies = [
    '[{"email":"a@example.com","event":"delivered","sg_event_id":"ZGVsaXZlcmVk","sg_message_id":"m1","timestamp":1736942400}]\r\n',
    '[{"email":"zoë@example.com","event":"open","custom_args":{"order":"№42 — ✓"}}]',
    '[]',
  ];
  const verifier = sendgrid({ publicKey: KEYS.primary.publicKey, now: fixedClock });

  for (const [index, body] of bodies.entries()) {
    it(`both accept a signature made with node:crypto (body #${index + 1})`, () => {
      const headers = signed(body, KEYS.primary, at);
      expect(sendgridLibraryAccepts(KEYS.primary, body, headers)).toBe(true);
      expect(verifier.verify({ body, headers }).keyIndex).toBe(0);
      expect(sendgridLibraryAccepts(KEYS.primary, Buffer.from(body), headers)).toBe(true);
      expect(verifier.verify({ body: Buffer.from(body), headers }).keyIndex).toBe(0);
    });

    it(`both reject a tampered body and a foreign key (body #${index + 1})`, () => {
      const headers = signed(body, KEYS.primary, at);
      const tampered = `${body} `;
      expect(sendgridLibraryAccepts(KEYS.primary, tampered, headers)).toBe(false);
      expectRejection(() => verifier.verify({ body: tampered, headers }), 'no_matching_signature');
      const foreign = signed(body, KEYS.wrong, at);
      expect(sendgridLibraryAccepts(KEYS.primary, body, foreign)).toBe(false);
      expectRejection(() => verifier.verify({ body, headers: foreign }), 'no_matching_signature');
    });
  }

  it('both reject a changed timestamp (it is signed)', () => {
    const body = bodies[0] ?? '';
    const headers = { ...signed(body, KEYS.primary, at), [TIMESTAMP]: String(Math.floor(at / 1000) - 1) };
    expect(sendgridLibraryAccepts(KEYS.primary, body, headers)).toBe(false);
    expectRejection(() => verifier.verify({ body, headers }), 'no_matching_signature');
  });
});

describe('sendgridVerifier(): specifics', () => {
  const body = '[{"event":"processed"}]';
  const at = NOW - 5_000;

  it('accepts the public key as PEM too', () => {
    const pem = sendgrid({ publicKey: KEYS.primary.pem, now: fixedClock });
    expect(pem.verify({ body, headers: signed(body, KEYS.primary, at) }).keyIndex).toBe(0);
  });

  it('accepts a key pasted with line breaks', () => {
    const wrapped = KEYS.primary.publicKey.replace(/(.{40})/g, '$1\n');
    expect(sendgrid({ publicKey: wrapped, now: fixedClock }).verify({ body, headers: signed(body, KEYS.primary, at) }).keyIndex).toBe(0);
  });

  it('refuses a key that is not base64 SPKI / PEM, and a key on another curve, at set-up', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('base64');
    for (const [publicKey, message] of [
      ['not a key', /cannot be read/],
      [other, /not an ECDSA P-256 key \(it is ec on secp384r1\)/],
    ] as const) {
      try {
        sendgrid({ publicKey });
        expect.unreachable();
      } catch (error) {
        expect(isConfigurationError(error)).toBe(true);
        expect((error as Error).message).toMatch(message);
      }
    }
  });

  it('reports base64 that is not a DER signature as malformed', () => {
    const headers = { ...signed(body, KEYS.primary, at), [SIGNATURE]: Buffer.alloc(64, 1).toString('base64') };
    const error = expectRejection(
      () => sendgrid({ publicKey: KEYS.primary.publicKey, now: fixedClock }).verify({ body, headers }),
      'malformed_header',
    );
    expect(error.message).toMatch(/DER-encoded ECDSA P-256 signature/);
  });
});
