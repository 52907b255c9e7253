/**
 * 2. Webhook verification: verify + parse + dedupe of Stripe-signed events
 * (1 KB and 16 KB bodies) with Junction, against the official Stripe SDK's
 * stripe.webhooks.constructEvent on the same payloads; and SendGrid's ECDSA
 * path against node:crypto's verify alone. Every event is unique (dedupe
 * never short-circuits), signing is done outside the timed sections, and the
 * variants take turns chunk by chunk so machine noise hits all of them alike.
 *
 *   pnpm --filter @junction/bench exec tsx webhook-verification.ts
 */
import { createHmac, generateKeyPairSync, type KeyObject, randomBytes, sign, verify } from 'node:crypto';
import { createMemoryIdempotencyStore, createWebhookReceiver, defineWebhooks, ecdsaVerifier, fromHeaders, part } from '@junction/core';
import { stripeVerifier } from '@junction/payments/stripe';
import Stripe from 'stripe';
import { z } from 'zod';
import { collectGarbage, isMain, QUICK, scaled } from './lib/env.js';
import { CUSTOMER } from './lib/payloads.js';
import { type BenchResult, finish, progress, type Table, type Target } from './lib/report.js';
import { bytes, fmt, ratio, shuffled } from './lib/stats.js';

const STRIPE_EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? scaled(100_000, 4_000));
const ECDSA_EVENTS = scaled(15_000, 1_000);
const CHUNK = scaled(5_000, 1_000);
const SIZES = [1024, 16 * 1024];
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;

interface Delivery {
  body: Buffer;
  headers: Record<string, string>;
}

/** A variant handles one delivery: verify, parse, maybe dedupe. */
interface Handler {
  key: string;
  label: string;
  handle: (d: Delivery) => unknown;
}

interface Tally {
  wallMs: number;
  cpuUs: number;
  events: number;
  failures: number;
  firstFailure?: string;
}

let serial = 0;
function stripeDelivery(size: number): Delivery {
  const id = `evt_${(++serial).toString(36).padStart(8, '0')}${randomBytes(6).toString('hex')}`;
  const event = {
    id,
    object: 'event',
    api_version: '2024-06-20',
    created: Math.floor(Date.now() / 1000),
    type: 'customer.updated',
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: { ...CUSTOMER, metadata: { ...CUSTOMER.metadata, note: '' } } },
  };
  const base = JSON.stringify(event).length;
  event.data.object.metadata.note = 'x'.repeat(Math.max(0, size - base));
  const body = Buffer.from(JSON.stringify(event));
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', SECRET).update(`${t}.`).update(body).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${v1}` } };
}

function sendgridDelivery(privateKey: KeyObject): Delivery {
  const now = Math.floor(Date.now() / 1000);
  const events = [
    {
      email: 'ana.silva@example.com',
      timestamp: now,
      event: 'delivered',
      sg_event_id: `sg_${(++serial).toString(36)}${randomBytes(8).toString('hex')}`,
      sg_message_id: `msg_${randomBytes(10).toString('hex')}.filter0001`,
      'smtp-id': `<${randomBytes(8).toString('hex')}@example.com>`,
      category: ['receipts'],
      response: '250 OK',
      note: '',
    },
  ];
  events[0]!.note = 'x'.repeat(Math.max(0, 1024 - JSON.stringify(events).length));
  const body = Buffer.from(JSON.stringify(events));
  const timestamp = String(now);
  const signature = sign('sha256', Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('base64');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-twilio-email-event-webhook-signature': signature,
      'x-twilio-email-event-webhook-timestamp': timestamp,
    },
  };
}

async function runChunk(handler: Handler, deliveries: Delivery[], tally: Tally): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const d of deliveries) {
    try {
      const out = handler.handle(d);
      if (out instanceof Promise) await out;
    } catch (error) {
      tally.failures++;
      tally.firstFailure ??= error instanceof Error ? error.message.slice(0, 200) : String(error);
    }
  }
  tally.wallMs += performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  tally.cpuUs += cpu.user + cpu.system;
  tally.events += deliveries.length;
}

async function measure(handlers: Handler[], total: number, make: () => Delivery): Promise<Map<string, Tally>> {
  const tallies = new Map(handlers.map((h) => [h.key, { wallMs: 0, cpuUs: 0, events: 0, failures: 0 } as Tally]));
  // Warm-up on events of their own.
  const warm = Array.from({ length: Math.min(2_000, CHUNK) }, make);
  for (const h of handlers) await runChunk(h, warm, { wallMs: 0, cpuUs: 0, events: 0, failures: 0 });
  // Once, not per chunk: a forced full collection throws away optimised code, and each variant would then time its
  // own re-warming (a cost a running server does not pay every 5,000 events). The shuffled order spreads GC evenly.
  collectGarbage();
  for (let done = 0, chunk = 0; done < total; done += CHUNK, chunk++) {
    const deliveries = Array.from({ length: Math.min(CHUNK, total - done) }, make);
    for (const h of shuffled(handlers, 31 * chunk + total)) await runChunk(h, deliveries, tallies.get(h.key)!);
  }
  return tallies;
}

const stripeSdk = new Stripe('sk_test_bench');

function stripeHandlers(): Handler[] {
  const verifier = stripeVerifier({ secret: SECRET });
  const sdkStore = createMemoryIdempotencyStore();
  const composedStore = createMemoryIdempotencyStore();
  const handled = async () => true;
  const webhooks = defineWebhooks({
    name: 'stripe',
    verifier: (secrets: { secret: string }) => stripeVerifier(secrets),
    envelope: z.object({ id: z.string(), type: z.string() }),
    id: (event) => event.id,
    type: (event) => event.type,
    events: {
      'customer.updated': z.object({ type: z.literal('customer.updated'), data: z.object({ object: z.object({ id: z.string() }) }) }),
    },
  });
  const receiver = createWebhookReceiver(webhooks, { secrets: { secret: SECRET } });
  receiver.on('customer.updated', async () => {});
  return [
    {
      key: 'stripe-sdk',
      label: 'stripe SDK constructEvent (verify + parse)',
      handle: (d) => stripeSdk.webhooks.constructEvent(d.body, d.headers['stripe-signature']!, SECRET),
    },
    {
      key: 'junction-verify',
      label: 'Junction stripeVerifier().verify + JSON.parse (verify + parse)',
      handle: (d) => {
        verifier.verify(d);
        return JSON.parse(d.body.toString('utf8'));
      },
    },
    {
      key: 'stripe-sdk-dedupe',
      label: 'stripe SDK constructEvent + store.once (verify + parse + dedupe)',
      handle: (d) => sdkStore.once(stripeSdk.webhooks.constructEvent(d.body, d.headers['stripe-signature']!, SECRET).id, handled),
    },
    {
      key: 'junction-composed',
      label: 'Junction verify + JSON.parse + store.once (verify + parse + dedupe)',
      handle: (d) => {
        verifier.verify(d);
        const event = JSON.parse(d.body.toString('utf8')) as { id: string };
        return composedStore.once(event.id, handled);
      },
    },
    {
      key: 'junction-receiver',
      label: 'Junction receiver.receive (verify + parse + envelope + dedupe + typed dispatch)',
      handle: (d) => receiver.receive(d),
    },
  ];
}

function ecdsaHandlers(publicKey: KeyObject): Handler[] {
  // SendGrid's scheme on core's generic verifier (its preset, sendgridVerifier, lives in @junction/email, which the bench does not load).
  const verifier = ecdsaVerifier({
    name: 'sendgrid',
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    fields: fromHeaders({ signature: 'X-Twilio-Email-Event-Webhook-Signature', timestamp: 'X-Twilio-Email-Event-Webhook-Timestamp' }),
    template: [part.timestamp, part.body],
    timestampParsing: 'number',
    refuseFuture: false,
  });
  const webhooks = defineWebhooks({
    name: 'sendgrid',
    verifier,
    batch: true,
    envelope: z.object({ sg_event_id: z.string(), event: z.string() }),
    id: (event) => event.sg_event_id,
    type: (event) => event.event,
    events: {},
  });
  const receiver = createWebhookReceiver(webhooks, {});
  receiver.onAny(async () => {});
  return [
    {
      key: 'node-crypto',
      label: 'node:crypto verify alone (the floor: no header parsing, no JSON)',
      handle: (d) => {
        const ts = d.headers['x-twilio-email-event-webhook-timestamp']!;
        const ok = verify(
          'sha256',
          Buffer.concat([Buffer.from(ts), d.body]),
          publicKey,
          Buffer.from(d.headers['x-twilio-email-event-webhook-signature']!, 'base64'),
        );
        if (!ok) throw new Error('bad signature');
      },
    },
    {
      key: 'junction-sendgrid',
      label: 'Junction sendgrid().verify + JSON.parse',
      handle: (d) => {
        verifier.verify(d);
        return JSON.parse(d.body.toString('utf8'));
      },
    },
    {
      key: 'junction-receiver',
      label: 'Junction receiver.receive (verify + parse + envelope + dedupe + dispatch)',
      handle: (d) => receiver.receive(d),
    },
  ];
}

function rows(handlers: Handler[], tallies: Map<string, Tally>, baseKey: string, size: string): string[][] {
  const base = tallies.get(baseKey)!;
  const rate = (t: Tally) => (t.events / t.wallMs) * 1000;
  return handlers.map((h) => {
    const t = tallies.get(h.key)!;
    return [
      size,
      h.label,
      fmt(t.events),
      fmt(rate(t)),
      ratio(rate(t) / rate(base)),
      fmt(t.cpuUs / t.events, 1),
      t.failures === 0 ? '0' : `${t.failures} (${t.firstFailure})`,
    ];
  });
}

export async function webhookVerification(): Promise<BenchResult> {
  const startedAt = performance.now();
  const stripeRows: string[][] = [];
  const targets: Target[] = [];
  const findings: string[] = [];
  const data: Record<string, unknown> = {};
  const rate = (t: Tally) => (t.events / t.wallMs) * 1000;
  for (const size of SIZES) {
    const handlers = stripeHandlers();
    const tallies = await measure(handlers, STRIPE_EVENTS, () => stripeDelivery(size));
    progress(`stripe ${bytes(size)}: done`);
    stripeRows.push(...rows(handlers, tallies, 'stripe-sdk', bytes(size)));
    data[`stripe-${size}`] = Object.fromEntries(tallies);
    const sdk = rate(tallies.get('stripe-sdk')!);
    const ours = rate(tallies.get('junction-verify')!);
    const sdkDedupe = rate(tallies.get('stripe-sdk-dedupe')!);
    const receiver = rate(tallies.get('junction-receiver')!);
    const composed = rate(tallies.get('junction-composed')!);
    targets.push({
      name: `Stripe webhook receiver (verify, parse, dedupe, typed dispatch), ${bytes(size)} bodies`,
      target: '≥ 1.00 × stripe-node constructEvent + the same dedupe',
      measured:
        `${ratio(receiver / sdkDedupe)} (${fmt(receiver)} vs ${fmt(sdkDedupe)} events/s; ` +
        `verify + parse + dedupe alone ${ratio(composed / sdkDedupe)}, verify + parse alone ${ratio(ours / sdk)} of constructEvent)`,
      met: receiver >= sdkDedupe,
    });
  }

  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ecdsa = ecdsaHandlers(publicKey);
  const ecdsaTallies = await measure(ecdsa, ECDSA_EVENTS, () => sendgridDelivery(privateKey));
  progress('sendgrid ECDSA: done');
  data.ecdsa = Object.fromEntries(ecdsaTallies);
  const ecdsaFloor = rate(ecdsaTallies.get('node-crypto')!);
  findings.push(
    `SendGrid (ECDSA P-256) through Junction runs at ${ratio(rate(ecdsaTallies.get('junction-sendgrid')!) / ecdsaFloor)} of node:crypto's bare verify (verify + parse), ` +
      `${ratio(rate(ecdsaTallies.get('junction-receiver')!) / ecdsaFloor)} with the receiver: the signature check dominates.`,
  );

  const columns = ['body', 'path', 'events', 'events/s (1 core)', '× baseline', 'CPU µs/event', 'failures'];
  const tables: Table[] = [
    {
      title: 'Stripe-signed events (HMAC-SHA256): Junction against stripe.webhooks.constructEvent, same payloads',
      columns,
      rows: stripeRows,
      notes: ['Baseline (1.00×): stripe SDK constructEvent. "1 core": one thread, events / wall seconds of that variant.'],
    },
    {
      title: 'SendGrid-signed events (ECDSA P-256, 1 KB JSON array of one event)',
      columns,
      rows: rows(ecdsa, ecdsaTallies, 'node-crypto', '1.0 KB'),
      notes: [
        'Baseline: node:crypto verify of the same bytes (what any implementation must at least do). bench has no SendGrid SDK dependency to compare with.',
      ],
    },
  ];
  return finish(
    {
      name: 'webhook-verification',
      title: '2. Webhook verification',
      method: [
        `${STRIPE_EVENTS.toLocaleString('en-US')} distinct Stripe-signed events per body size and variant (1 KB and 16 KB JSON bodies, Buffer raw bodies, a valid t=/v1= header each), ` +
          `${ECDSA_EVENTS.toLocaleString('en-US')} SendGrid-signed ones; generated and signed in chunks of ${CHUNK.toLocaleString('en-US')} outside the timed sections; ` +
          'each chunk is handled by every variant in turn (a new order per chunk), after a warm-up chunk and one gc().',
        'Every event id is new, so dedupe always records (never short-circuits). Dedupe = createMemoryIdempotencyStore().once(id, handler).',
        'Receiver: createWebhookReceiver from @junction/core (the built package), ' +
          'declared with defineWebhooks (envelope { id, type }, one typed event schema) and one no-op handler.',
      ],
      tables,
      targets,
      findings,
      data,
    },
    startedAt,
  );
}

if (isMain(import.meta)) {
  if (QUICK) progress('BENCH_QUICK=1: a smoke run, not a measurement');
  await webhookVerification();
  process.exit(0);
}
