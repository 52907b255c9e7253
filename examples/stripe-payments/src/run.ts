import { EventJournal } from './events/event-journal.js';
import { createPaymentsReceiver } from './events/payments-receiver.js';
import { createStripeReceiver } from './events/stripe-receiver.js';
import { heading } from './format.js';
import { DEMO_SECRETS } from './setup/demo-secrets.js';
import { type RunningSandbox, startStripeSandbox } from './setup/start-stripe-sandbox.js';
import { startWebhookEndpoint } from './setup/start-webhook-endpoint.js';
import { type Redelivery, stripeDeliveries } from './setup/stripe-deliveries.js';
import { authenticate } from './steps/authenticate.js';
import { createDespiteFaults, type FaultyCreate } from './steps/create-despite-faults.js';
import { type Decline, declinedCard } from './steps/declined-card.js';
import { sendForgedDelivery } from './steps/forged-delivery.js';
import { type PaymentOutcome, payAndRefund } from './steps/pay-and-refund.js';
import { type UnifiedOutcome, unifiedPayment } from './steps/unified-payment.js';

/** What the demo showed, for its test. */
export interface DemoResult {
  payment: PaymentOutcome;
  decline: Decline;
  faults: FaultyCreate & { retryReasons: string[] };
  webhooks: {
    /** Events the sandbox delivered to /webhooks/stripe with a 2xx. */
    delivered: number;
    /** The most times the handlers ran for one event: 1 when dedupe held. */
    maxRuns: number;
    redeliveries: readonly Redelivery[];
    forgedStatus: number;
    /** Deliveries the endpoint refused (the forged one, and nothing else). */
    refused: number;
  };
  unified: UnifiedOutcome & { events: string[] };
}

/**
 * The demo, as a function so its test can run it: the four moves of an
 * integration (authenticate, request, map the response and its failures,
 * react to events) on a Stripe payment flow, against a local sandbox.
 */
export async function run(log: (line: string) => void = console.log): Promise<DemoResult> {
  log('Junction x Stripe: a payment flow against a local Stripe sandbox (no account, no network)');
  const stripeEvents = new EventJournal();
  const unifiedEvents = new EventJournal();
  let refused = 0;
  const endpoint = await startWebhookEndpoint(
    {
      '/webhooks/stripe': createStripeReceiver(DEMO_SECRETS.webhookSecret, stripeEvents),
      '/webhooks/payments': createPaymentsReceiver(DEMO_SECRETS.webhookSecret, unifiedEvents),
    },
    () => refused++,
  );
  const deliveries = stripeDeliveries({ redeliver: ['payment_intent.succeeded'] });
  let running: RunningSandbox | undefined;
  try {
    running = await startStripeSandbox({
      apiKey: DEMO_SECRETS.apiKey,
      webhook: { url: `${endpoint.url}/webhooks/stripe`, secret: DEMO_SECRETS.webhookSecret, fetch: deliveries.fetch },
    });
    const sandbox = running.sandbox;
    // Webhooks arrive after the API answers, as at Stripe: wait for them before telling what the handlers did.
    const settle = async (journal = stripeEvents, label = 'webhooks') => {
      await sandbox.webhooks.flush();
      for (const line of journal.drain(label)) log(line);
    };
    log(`  Stripe sandbox on ${running.url}, webhook endpoint on ${endpoint.url}/webhooks/stripe (signatures checked)`);

    log(heading('1. Authenticate'));
    const stripe = await authenticate(running.url, DEMO_SECRETS.apiKey, log);
    const retryReasons: string[] = [];
    stripe.on('retry', (e) => {
      retryReasons.push(e.reason);
      log(`    retry #${e.attempt} of ${e.operation}: ${e.reason}, next attempt in ${Math.round(e.delayMs)} ms`);
    });

    log(heading('2. Request and map the response: pay for an order, then refund it'));
    const payment = await payAndRefund(stripe, log);
    await settle();

    log(heading('3. Map the failures: a declined card'));
    const decline = await declinedCard(stripe, payment.customerId, log);
    await settle();

    log(heading('4. Stay reliable: one create, three faults'));
    const faults = await createDespiteFaults(stripe, running, log);
    await settle();

    log(heading('5. React to events'));
    const delivered = sandbox.webhooks.deliveries.filter((d) => d.delivered).length;
    const maxRuns = Math.max(...[...stripeEvents.events.values()].map((e) => e.runs));
    log(`  ${delivered} events delivered, each signed, verified, and handled ${maxRuns === 1 ? 'exactly once' : `up to ${maxRuns} times`}`);
    for (const r of deliveries.redeliveries) {
      log(`  ${r.type} ${r.eventId} delivered again -> ${r.status}, ${r.duplicates} duplicate dropped, handlers not rerun`);
    }
    const forgedStatus = await sendForgedDelivery(`${endpoint.url}/webhooks/stripe`, log);

    log(heading('6. The same flow, provider-neutral: stripePayments and normalized events'));
    // A second endpoint, as an app adopting the unified interface would add in Stripe's dashboard.
    deliveries.addEndpoint(`${endpoint.url}/webhooks/payments`);
    log(`  second webhook endpoint: ${endpoint.url}/webhooks/payments (stripePaymentWebhooks)`);
    const unified = await unifiedPayment(stripe, log);
    await settle(stripeEvents, 'Stripe receiver ');
    for (const line of unifiedEvents.drain('unified receiver')) log(line);

    return {
      payment,
      decline,
      faults: { ...faults, retryReasons },
      webhooks: { delivered, maxRuns, redeliveries: deliveries.redeliveries, forgedStatus, refused },
      unified: { ...unified, events: [...unifiedEvents.events.values()].map((e) => e.type) },
    };
  } finally {
    await running?.close();
    await endpoint.close();
  }
}
