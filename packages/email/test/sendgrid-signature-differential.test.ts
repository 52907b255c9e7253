import { sign as cryptoSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import eventwebhook from '@sendgrid/eventwebhook';
import { describe, expect, it } from 'vitest';
import {
  DIFFERENTIAL_BODY as BODY,
  type DifferentialCase,
  differentialTable,
  type PlainDelivery,
  SIGNED_AT,
  sharedCases,
} from '../../core/test/webhooks/verify/support/differential.js';
import type { KeyName } from '../../core/test/webhooks/verify/support/preset-contract.js';
import {
  SENDGRID_SIGNATURE_HEADER as SIGNATURE_HEADER,
  sendgridVerifier as sendgrid,
  sendgridSigner,
  SENDGRID_TIMESTAMP_HEADER as TIMESTAMP_HEADER,
} from '../src/sendgrid/index.js';

const { EventWebhook } = eventwebhook;

function newKey(): { privateKey: KeyObject; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

const KEYS: Record<KeyName, ReturnType<typeof newKey>> = { primary: newKey(), secondary: newKey(), wrong: newKey() };
const SIGNATURE = 'x-twilio-email-event-webhook-signature';
const TIMESTAMP = 'x-twilio-email-event-webhook-timestamp';
// The order of the P-256 group.
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** r and s of a signature over `timestamp + body`, as SendGrid signs (its library only verifies, so node:crypto signs). */
function rs(content: string | Buffer, key: KeyName = 'primary'): [bigint, bigint] {
  const raw = cryptoSign('sha256', Buffer.from(content), { key: KEYS[key].privateKey, dsaEncoding: 'ieee-p1363' });
  return [BigInt(`0x${raw.subarray(0, 32).toString('hex')}`), BigInt(`0x${raw.subarray(32).toString('hex')}`)];
}

function integer(value: bigint, extraZero = false): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) >= 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  if (extraZero) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

/** DER of (r, s): minimal unless told otherwise. */
function der([r, s]: [bigint, bigint], options: { extraZero?: boolean; lengthDelta?: number; trailing?: Buffer } = {}): Buffer {
  const body = Buffer.concat([integer(r, options.extraZero), integer(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length + (options.lengthDelta ?? 0)]), body, options.trailing ?? Buffer.alloc(0)]);
}

function sign(body: string | Buffer, atMs: number, key: KeyName = 'primary'): PlainDelivery {
  const timestamp = String(Math.floor(atMs / 1000));
  const signature = der(rs(Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), key)).toString('base64');
  return { body, headers: { [SIGNATURE]: signature, [TIMESTAMP]: timestamp } };
}

const ts = String(SIGNED_AT / 1000);
const signed = rs(`${ts}${BODY}`);
const delivery = (signature: string | Buffer, timestamp = ts, body: string | Buffer = BODY): PlainDelivery => ({
  body,
  headers: { [SIGNATURE]: typeof signature === 'string' ? signature : signature.toString('base64'), [TIMESTAMP]: timestamp },
});
const base64 = der(signed).toString('base64');
// A DER signature of 70 or 71 bytes ends in padding; retry until one does, so stripping it changes the text.
const padded = (() => {
  for (;;) {
    const text = der(rs(`${ts}${BODY}`)).toString('base64');
    if (text.endsWith('=')) return text;
  }
})();
const notUtf8 = Buffer.concat([Buffer.from('[{"note":"'), Buffer.from([0xff]), Buffer.from('"}]')]);

const specific: DifferentialCase[] = [
  { name: 'unpadded base64', delivery: delivery(padded.replace(/=+$/, '')), expected: 'accept' },
  { name: 'a line break inside the base64', delivery: delivery(`${base64.slice(0, 20)}\n${base64.slice(20)}`), expected: 'accept' },
  { name: 'non-minimal DER (a zero byte before r)', delivery: delivery(der(signed, { extraZero: true })), expected: 'accept' },
  { name: 'high S (n − s)', delivery: delivery(der([signed[0], N - signed[1]])), expected: 'accept' },
  { name: 'a DER length past the end', delivery: delivery(der(signed, { lengthDelta: 5 })), expected: 'accept' },
  { name: 'bytes after the DER', delivery: delivery(der(signed, { trailing: Buffer.from([0]) })), expected: 'reject' },
  {
    name: 'a 64-byte IEEE P1363 signature',
    delivery: delivery(Buffer.from(signed.map((n) => n.toString(16).padStart(64, '0')).join(''), 'hex')),
    expected: 'reject',
  },
  { name: 'r + n (too large)', delivery: delivery(der([signed[0] + N, signed[1]])), expected: 'reject' },
  { name: 'a zero-padded timestamp, signed as sent', delivery: delivery(der(rs(`0${ts}${BODY}`)), `0${ts}`), expected: 'accept' },
  { name: 'a zero-padded timestamp, signed as the number', delivery: delivery(base64, `0${ts}`), expected: 'reject' },
  {
    name: 'a timestamp that is not a number, signed as sent',
    delivery: delivery(der(rs(`soon${BODY}`)), 'soon'),
    divergence: { ours: 'reject', why: "SendGrid's library reads no time, so a delivery with none verifies forever" },
  },
  {
    name: 'a body that is not UTF-8, signed as its bytes',
    delivery: delivery(der(rs(Buffer.concat([Buffer.from(ts), notUtf8]))), ts, notUtf8),
    divergence: { ours: 'accept', why: "SendGrid's library signs the body decoded as UTF-8 with replacements, not its bytes" },
  },
  {
    name: 'a body that is not UTF-8, signed as the text it decodes to',
    delivery: delivery(der(rs(`${ts}${notUtf8.toString()}`)), ts, notUtf8),
    divergence: { ours: 'reject', why: "SendGrid's library accepts bytes that were never signed when they decode to signed text" },
  },
].map((c) => ({ nowMs: SIGNED_AT, ...c }) as DifferentialCase);

const REPLAY = { ours: 'reject', why: "SendGrid's library checks no time at all, so a captured delivery verifies forever" } as const;

differentialTable(
  {
    title: 'sendgridVerifier()',
    ours: (d, nowMs, keys) => sendgrid({ publicKeys: keys.map((key) => KEYS[key].publicKey), now: () => nowMs }).verify(d),
    official: (d, _nowMs, key) => {
      const ew = new EventWebhook();
      return ew.verifySignature(
        ew.convertPublicKeyToECDSA(KEYS[key].publicKey),
        d.body,
        d.headers[SIGNATURE] as string,
        d.headers[TIMESTAMP] as string,
      );
    },
  },
  [
    ...sharedCases({
      sign,
      signatureHeader: SIGNATURE,
      timestampHeader: TIMESTAMP,
      tamper: (value) => `${value.slice(0, 12)}${value[12] === 'A' ? 'B' : 'A'}${value.slice(13)}`,
      toleranceMs: 300_000,
      refusesFuture: false,
      divergences: { 'signed 1 s beyond the tolerance': REPLAY, 'signed an hour ago': REPLAY },
    }),
    ...specific,
  ],
);

describe('sendgridSigner(): @sendgrid/eventwebhook and sendgridVerifier accept what it signs', () => {
  it('with a KeyObject and with a PEM private key; a changed body fails both', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const publicDer = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const body = '[{"email":"zoë@example.com","event":"delivered","sg_event_id":"ZGVs"}]';
    const now = Date.now();
    const headers = sendgridSigner({ privateKey }).sign({ body, timestamp: now });
    const ew = new EventWebhook();
    const key = ew.convertPublicKeyToECDSA(publicDer);
    expect(ew.verifySignature(key, body, headers[SIGNATURE_HEADER] as string, headers[TIMESTAMP_HEADER] as string)).toBe(true);
    expect(ew.verifySignature(key, `${body}x`, headers[SIGNATURE_HEADER] as string, headers[TIMESTAMP_HEADER] as string)).toBe(false);
    expect(sendgrid({ publicKey: publicDer }).verify({ body, headers }).timestamp.getTime()).toBe(Math.floor(now / 1000) * 1000);
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(sendgrid({ publicKey: publicDer }).verify({ body, headers: sendgridSigner({ privateKey: pem }).sign({ body }) }).keyIndex).toBe(
      0,
    );
  });
});
