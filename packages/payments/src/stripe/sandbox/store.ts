/** Any Stripe object the sandbox keeps: a plain JSON object with an `id`. */
export type StripeObject = Record<string, unknown> & { id: string };

/** The objects of one account (the platform, or a Connect account), by id, in creation order. */
export class AccountStore {
  readonly customers = new Map<string, StripeObject>();
  readonly paymentIntents = new Map<string, StripeObject>();
  readonly charges = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();
  readonly checkoutSessions = new Map<string, StripeObject>();
  /** A checkout session's line items, by session id. */
  readonly lineItems = new Map<string, StripeObject[]>();
  readonly prices = new Map<string, StripeObject>();
  /** Events, oldest first (lists serve them newest first). */
  readonly events: StripeObject[] = [];

  /** Any object by id, whatever its kind (for `expand`). */
  find(id: string): StripeObject | undefined {
    for (const map of [this.customers, this.paymentIntents, this.charges, this.refunds, this.checkoutSessions, this.prices]) {
      const found = map.get(id);
      if (found) return found;
    }
    return undefined;
  }

  clear(): void {
    for (const map of [
      this.customers,
      this.paymentIntents,
      this.charges,
      this.refunds,
      this.checkoutSessions,
      this.lineItems,
      this.prices,
    ]) {
      map.clear();
    }
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
