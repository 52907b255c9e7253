import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { standardWebhooks } from '../../../src/webhooks/verify/index.js';
import {
  DIFFERENTIAL_BODY as BODY,
  type DifferentialCase,
  differentialTable,
  type PlainDelivery,
  SIGNED_AT,
  sharedCases,
} from './support/differential.js';
import type { KeyName } from './support/preset-contract.js';

const SECRETS: Record<KeyName, string> = {
  primary: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
  secondary: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  wrong: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
};

const MSG_ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const ts = String(SIGNED_AT / 1000);

function sign(body: string | Buffer, atMs: number, key: KeyName = 'primary'): PlainDelivery {
  return {
    body,
    headers: {
      'webhook-id': MSG_ID,
      'webhook-timestamp': String(Math.floor(atMs / 1000)),
      'webhook-signature': new Webhook(SECRETS[key]).sign(MSG_ID, new Date(atMs), body),
    },
  };
}

/** A base64 HMAC over any content, for headers the reference library cannot produce. */
function hmac(content: string | Buffer, key: KeyName = 'primary'): string {
  return createHmac('sha256', Buffer.from(SECRETS[key].slice('whsec_'.length), 'base64'))
    .update(content)
    .digest('base64');
}

const good = hmac(`${MSG_ID}.${ts}.${BODY}`);
const other = hmac(`${MSG_ID}.${ts}.${BODY}`, 'wrong');
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// 32 bytes leave two unused bits in the last character before "="; setting one keeps the bytes, not the text.
const nonCanonical = `${good.slice(0, 42)}${ALPHABET[ALPHABET.indexOf(good[42] ?? 'A') ^ 1]}=`;
const notUtf8 = Buffer.concat([Buffer.from('{"note":"'), Buffer.from([0xff]), Buffer.from('"}')]);

const delivery = (headers: Partial<Record<string, string>>, body: string | Buffer = BODY): PlainDelivery => ({
  body,
  headers: Object.fromEntries(
    Object.entries({ 'webhook-id': MSG_ID, 'webhook-timestamp': ts, 'webhook-signature': `v1,${good}`, ...headers }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  ),
});

const specific: DifferentialCase[] = [
  { name: 'unpadded base64', delivery: delivery({ 'webhook-signature': `v1,${good.replace(/=+$/, '')}` }), expected: 'reject' },
  {
    name: 'non-canonical base64 (an unused bit set)',
    delivery: delivery({ 'webhook-signature': `v1,${nonCanonical}` }),
    expected: 'reject',
  },
  { name: 'two entries, the second matching', delivery: delivery({ 'webhook-signature': `v1,${other} v1,${good}` }), expected: 'accept' },
  { name: 'entries two spaces apart', delivery: delivery({ 'webhook-signature': `v1,${other}  v1,${good}` }), expected: 'accept' },
  { name: 'an entry with a third comma-separated part', delivery: delivery({ 'webhook-signature': `v1,${good},x` }), expected: 'accept' },
  { name: 'only a v1a entry', delivery: delivery({ 'webhook-signature': `v1a,${good}` }), expected: 'reject' },
  { name: 'a tab between entries', delivery: delivery({ 'webhook-signature': `v1,${other}\tv1,${good}` }), expected: 'reject' },
  { name: 'a zero-padded timestamp, signed as the number', delivery: delivery({ 'webhook-timestamp': `0${ts}` }), expected: 'accept' },
  {
    name: 'a zero-padded timestamp, signed as sent',
    delivery: delivery({ 'webhook-timestamp': `0${ts}`, 'webhook-signature': `v1,${hmac(`${MSG_ID}.0${ts}.${BODY}`)}` }),
    expected: 'reject',
  },
  {
    name: 'a timestamp with letters after it (parseInt stops there)',
    delivery: delivery({ 'webhook-timestamp': `${ts}abc` }),
    expected: 'accept',
  },
  { name: 'a timestamp that is not a number', delivery: delivery({ 'webhook-timestamp': 'soon' }), expected: 'reject' },
  { name: 'the id changed', delivery: delivery({ 'webhook-id': 'msg_other' }), expected: 'reject' },
  { name: 'no id header', delivery: delivery({ 'webhook-id': undefined }), expected: 'reject' },
  {
    name: 'the Svix header names',
    delivery: { body: BODY, headers: { 'svix-id': MSG_ID, 'svix-timestamp': ts, 'svix-signature': `v1,${good}` } },
    divergence: { ours: 'accept', why: "the reference library reads only webhook-*; Svix's senders use svix-* for the same scheme" },
  },
  {
    name: 'a body that is not UTF-8, signed as its bytes',
    delivery: delivery({ 'webhook-signature': `v1,${hmac(Buffer.concat([Buffer.from(`${MSG_ID}.${ts}.`), notUtf8]))}` }, notUtf8),
    divergence: { ours: 'accept', why: 'the reference library signs the body decoded as UTF-8 with replacements, not its bytes' },
  },
  {
    name: 'a body that is not UTF-8, signed as the text it decodes to',
    delivery: delivery({ 'webhook-signature': `v1,${hmac(`${MSG_ID}.${ts}.${notUtf8.toString()}`)}` }, notUtf8),
    divergence: { ours: 'reject', why: 'the reference library accepts bytes that were never signed when they decode to signed text' },
  },
].map((c) => ({ nowMs: SIGNED_AT, ...c }) as DifferentialCase);

differentialTable(
  {
    title: 'standardWebhooks()',
    ours: (d, nowMs, keys) => standardWebhooks({ secrets: keys.map((key) => SECRETS[key]), now: () => nowMs }).verify(d),
    // Reads Date.now(), which the table sets to nowMs.
    official: (d, _nowMs, key) => new Webhook(SECRETS[key]).verify(d.body, d.headers),
  },
  [
    ...sharedCases({
      sign,
      signatureHeader: 'webhook-signature',
      timestampHeader: 'webhook-timestamp',
      tamper: (value) => `v1,${value[3] === 'A' ? 'B' : 'A'}${value.slice(4)}`,
      toleranceMs: 300_000,
      refusesFuture: true,
    }),
    ...specific,
  ],
);
