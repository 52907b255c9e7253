import { standardWebhooks, standardWebhooksSigner, type WebhookSigner } from '@junction/core';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdGenerator, EventRecorder, type LoopbackServer, startLoopbackServer, WebhookSender } from '../src/index.js';

let receiver: LoopbackServer | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

// Core's Standard Webhooks signer, watched: the kit must sign each attempt with it, never on its own.
const SECRET = `whsec_${Buffer.from('kit test key').toString('base64')}`;
const calls: { body: string; timestamp: number }[] = [];
const signing = standardWebhooksSigner({ secret: SECRET });
const signer: WebhookSigner = {
  name: 'watched',
  sign(input) {
    calls.push({ body: String(input.body), timestamp: Number(input.timestamp) });
    return signing.sign(input);
  },
};

describe('events and webhooks', () => {
  it('records events in order, delivers each signed by the given function, and retries a failed delivery', async () => {
    const received: { body: string; headers: Record<string, string> }[] = [];
    let failures = 1;
    receiver = await startLoopbackServer({
      handlers: [
        http.post('/hooks', async ({ request }) => {
          received.push({ body: await request.text(), headers: Object.fromEntries(request.headers) });
          if (failures-- > 0) return new HttpResponse(null, { status: 503 });
          return new HttpResponse(null, { status: 204 });
        }),
      ],
    });
    const ids = createIdGenerator({ style: 'random', seed: 7 });
    const events = new EventRecorder({ id: () => ids.next('evt'), now: () => 1_700_000_000_000 });
    const sender = new WebhookSender({
      url: `${receiver.url}/hooks`,
      signer,
      serialize: (event) => JSON.stringify(event, null, 2),
      retryDelayMs: 1,
      now: () => 1_700_000_000_000,
    });
    events.subscribe((event) => sender.send(event));

    const created = events.record('note.created', { id: 'note_1' });
    events.record('note.deleted', { id: 'note_1' });
    await sender.flush();

    expect(events.events.map((e) => e.type)).toEqual(['note.created', 'note.deleted']);
    expect(created).toMatchObject({ type: 'note.created', created: 1_700_000_000, data: { id: 'note_1' } });
    expect(created.id).toMatch(/^evt_[0-9A-Za-z]{14}$/);
    expect(sender.deliveries.map((d) => [d.attempts, d.delivered, d.status])).toEqual([
      [2, true, 204],
      [1, true, 204],
    ]);
    // What was signed is exactly what was sent, on the caller's clock, and the endpoint's verifier accepts it.
    expect(calls).toEqual(received.map((r) => ({ body: r.body, timestamp: 1_700_000_000_000 })));
    const verifier = standardWebhooks({ secret: SECRET, now: () => 1_700_000_000_000 });
    for (const r of received) expect(verifier.verify({ body: r.body, headers: r.headers }).keyIndex).toBe(0);
    expect(JSON.parse(received[0]?.body ?? '')).toEqual(created);
  });

  it('makes the same seeded ids every run, and counter ids in order', () => {
    const a = createIdGenerator({ style: 'random', seed: 3 });
    const b = createIdGenerator({ style: 'random', seed: 3 });
    expect([a.next('x'), a.next('x')]).toEqual([b.next('x'), b.next('x')]);
    const counter = createIdGenerator({ length: 3, separator: '-' });
    expect([counter.next('note'), counter.next('note')]).toEqual(['note-001', 'note-002']);
    counter.reset();
    expect(counter.next('note')).toBe('note-001');
  });
});
