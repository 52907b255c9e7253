import type { Provider } from './receivers.js';

/** A delivery body as the provider sends it, holding one event with this id. */
export function eventBody(provider: Provider, id: number): string {
  const seconds = Math.floor(Date.now() / 1000);
  switch (provider) {
    case 'stripe':
      return JSON.stringify({
        id: `evt_demo${id}`,
        object: 'event',
        type: 'payment_intent.succeeded',
        created: seconds,
        livemode: false,
        data: {
          object: {
            id: `pi_demo${id}`,
            object: 'payment_intent',
            amount: 2400,
            amount_received: 2400,
            currency: 'usd',
            status: 'succeeded',
          },
        },
      });
    case 'hubspot':
      // HubSpot batches: a JSON array, here of one event.
      return JSON.stringify([
        { eventId: id, subscriptionType: 'contact.creation', objectId: 501, portalId: 62515, occurredAt: Date.now(), attemptNumber: 0 },
      ]);
    case 'sendgrid':
      return JSON.stringify([
        { sg_event_id: `sg_demo${id}`, event: 'delivered', email: 'jo@example.com', timestamp: seconds, sg_message_id: `msg${id}.filter` },
      ]);
    case 'resend':
      return JSON.stringify({
        type: 'email.delivered',
        created_at: new Date().toISOString(),
        data: {
          email_id: `em_demo${id}`,
          created_at: new Date().toISOString(),
          from: 'app@example.com',
          to: ['jo@example.com'],
          subject: 'Hi',
        },
      });
  }
}
