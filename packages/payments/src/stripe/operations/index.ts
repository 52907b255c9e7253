import { checkoutSessionOperations } from './checkout-sessions.js';
import { customerOperations } from './customers.js';
import { eventOperations } from './events.js';
import { paymentIntentOperations } from './payment-intents.js';
import { refundOperations } from './refunds.js';

/** Every operation of the Stripe connector; each becomes a client method of the same name. */
export const stripeOperations = {
  ...customerOperations,
  ...paymentIntentOperations,
  ...refundOperations,
  ...checkoutSessionOperations,
  ...eventOperations,
};

export { listPages, searchPages } from './paginate.js';
