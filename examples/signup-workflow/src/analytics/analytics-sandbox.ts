import { createObjectStore, defineSandbox, startLoopbackServer } from '@junction/testing';
import type { z } from 'zod';
import { type AnalyticsEvent, analytics } from './analytics-connector.js';

/**
 * A stand-in for the analytics API on 127.0.0.1, routed from the
 * connector's own declarations by the testing kit (so the two cannot
 * drift): checks the token, and keeps one event per id, answering 201 for a
 * new one and 200 with `duplicate: true` for one it already has.
 */
export async function startAnalyticsSandbox(token: string) {
  const store = createObjectStore<{ events: z.infer<typeof AnalyticsEvent> }>(['events']);
  const sandbox = defineSandbox(
    analytics,
    {
      track: ({ params }) => {
        const known = store.events.get(params.id);
        if (known) return Response.json({ ...known, duplicate: true });
        const event = store.events.set(params.id, { ...params, receivedAt: new Date().toISOString() });
        return Response.json({ ...event, duplicate: false }, { status: 201 });
      },
    },
    {
      before: ({ request }) =>
        request.headers.get('authorization') === `Bearer ${token}`
          ? undefined
          : Response.json({ error: { code: 'invalid_token', message: 'The write key is not valid.' } }, { status: 401 }),
    },
  );
  const server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  return { url: server.url, server, events: store.events, close: () => server.close() };
}

/** A running analytics sandbox. */
export type AnalyticsSandbox = Awaited<ReturnType<typeof startAnalyticsSandbox>>;
