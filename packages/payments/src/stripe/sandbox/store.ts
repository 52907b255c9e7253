import { type Collection, createObjectStore } from '@junction/testing';

/** Any Stripe object the sandbox keeps: a plain JSON object with an `id`. */
export type StripeObject = Record<string, unknown> & { id: string };

// The kinds of object an account holds; `expand` looks an id up in each, in this order.
const KINDS = [
  'customers',
  'paymentIntents',
  'charges',
  'refunds',
  'checkoutSessions',
  'products',
  'prices',
  'paymentMethods',
  'setupIntents',
  'subscriptions',
  'invoices',
  'testClocks',
] as const;

type Objects = { [K in (typeof KINDS)[number]]: StripeObject } & { lineItems: StripeObject[] };

/**
 * The objects of one account (the platform, or a Connect account), by id, in
 * creation order: the kit's collections, read like maps (`get`, `has`,
 * `size`, `keys()`, `values()`).
 */
export class AccountStore {
  readonly #objects = createObjectStore<Objects>([...KINDS, 'lineItems']);
  readonly customers: Collection<StripeObject> = this.#objects.customers;
  readonly paymentIntents: Collection<StripeObject> = this.#objects.paymentIntents;
  readonly charges: Collection<StripeObject> = this.#objects.charges;
  readonly refunds: Collection<StripeObject> = this.#objects.refunds;
  readonly checkoutSessions: Collection<StripeObject> = this.#objects.checkoutSessions;
  /** A checkout session's line items, by session id. */
  readonly lineItems: Collection<StripeObject[]> = this.#objects.lineItems;
  readonly products: Collection<StripeObject> = this.#objects.products;
  readonly prices: Collection<StripeObject> = this.#objects.prices;
  /** PaymentMethods made by attaching (or setting up) a test card. */
  readonly paymentMethods: Collection<StripeObject> = this.#objects.paymentMethods;
  readonly setupIntents: Collection<StripeObject> = this.#objects.setupIntents;
  readonly subscriptions: Collection<StripeObject> = this.#objects.subscriptions;
  readonly invoices: Collection<StripeObject> = this.#objects.invoices;
  readonly testClocks: Collection<StripeObject> = this.#objects.testClocks;
  /** Events, oldest first (lists serve them newest first). */
  readonly events: StripeObject[] = [];

  /** Any object by id, whatever its kind (for `expand`). */
  find(id: string): StripeObject | undefined {
    for (const kind of KINDS) {
      const found = this.#objects[kind].get(id);
      if (found) return found;
    }
    return undefined;
  }

  /** Forgets every object and event of the account. */
  clear(): void {
    this.#objects.clear();
    this.events.length = 0;
  }
}

/**
 * Everything the sandbox holds. The platform account's objects are here
 * directly; a Connect account's (requests with `Stripe-Account`) are apart,
 * as at Stripe, through {@link SandboxState.account}.
 */
export class SandboxState extends AccountStore {
  readonly #accounts = new Map<string, AccountStore>();

  /** The store of a connected account (`acct_…`), or the platform's for undefined. */
  account(id: string | undefined): AccountStore {
    if (!id) return this;
    let store = this.#accounts.get(id);
    if (!store) {
      store = new AccountStore();
      this.#accounts.set(id, store);
    }
    return store;
  }

  /** Forgets every object and event, on every account. */
  override clear(): void {
    super.clear();
    this.#accounts.clear();
  }
}
