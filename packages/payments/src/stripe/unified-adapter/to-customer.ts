import type { Address as UnifiedAddress } from '../../unified/address.js';
import type { Customer } from '../../unified/customer.js';
import type { Address, Customer as StripeCustomer } from '../schemas/objects.generated.js';
import { fromUnix } from './convert.js';

/** A Stripe customer as a unified customer. */
export function toCustomer(customer: StripeCustomer): Customer<StripeCustomer> {
  return {
    id: customer.id,
    email: customer.email ?? null,
    name: customer.name ?? null,
    phone: customer.phone ?? null,
    description: customer.description ?? null,
    address: toAddress(customer.address),
    metadata: customer.metadata ?? {},
    createdAt: fromUnix(customer.created),
    raw: customer,
  };
}

/** A Stripe address as a unified one; null when Stripe has none. */
export function toAddress(address: Address | null | undefined): UnifiedAddress | null {
  if (!address) return null;
  return {
    line1: address.line1 ?? null,
    line2: address.line2 ?? null,
    city: address.city ?? null,
    state: address.state ?? null,
    postalCode: address.postal_code ?? null,
    country: address.country ?? null,
  };
}
