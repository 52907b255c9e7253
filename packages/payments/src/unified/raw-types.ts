/**
 * The provider's own object types behind each unified model, so an adapter
 * can type `raw` (the Stripe adapter: `raw` of a payment is a PaymentIntent).
 */
export interface RawTypes {
  customer: unknown;
  payment: unknown;
  refund: unknown;
  checkoutSession: unknown;
  subscription: unknown;
  invoice: unknown;
  event: unknown;
}
