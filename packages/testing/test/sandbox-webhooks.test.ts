import { createHmac } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdGenerator, EventRecorder, type LoopbackServer, startLoopbackServer, WebhookSender } from '../src/index.js';

let receiver: LoopbackServer | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

// Stands in for a connector's signer: the kit must call it, never sign on its own.
const calls: [string, string, number][] = [];
const sign = (payload: string, secret: string, timestamp: number) => {
  calls.push([payload, secret, timestamp]);
  return { 'x-signature': `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')}` };
};

describe('events and webhooks', () => {
  it('records events in order, delivers each signed by the given function, and retries a failed delivery', async () => {
    const received: { body: string; signature: string | null }[] = [];
    let failures = 1;
    receiver = await startLoopbackServer({
      handlers: [
        http.post('/hooks', async ({ request }) => {
          received.push({ body: await request.text(), signature: request.headers.get('x-signature') });
          if (failures-- > 0) return new HttpResponse(null, { status: 503 });
          return new HttpResponse(null, { status: 204 });
        }),
      ],
    });
    const ids = createIdGenerator({ style: 'random', seed: 7 });
    const events = new EventRecorder({ id: () => ids.next('evt'), now: () => 1_700_000_000_000 });
    const sender = new WebhookSender({
      url: `${receiver.url}/hooks`,
      secret: 'whsec_test',
      sign,
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
    // What was signed is exactly what was sent, with the caller's secret and clock.
    expect(calls.map(([payload, secret, t]) => [payload, secret, t])).toEqual(received.map((r) => [r.body, 'whsec_test', 1_700_000_000]));
    for (const r of received) expect(r.signature).toBe(sign(r.body, 'whsec_test', 1_700_000_000)['x-signature']);
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
