import { buildProduct, type NewProduct } from './product-object.js';
import type { SandboxRuntime } from './runtime.js';
import { noSuch, SandboxError } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';

/** The product `id` of a request, which must exist (Stripe's 404 `No such product` otherwise). */
export function productOf(request: StripeRequest, id: string, param = 'id'): StripeObject {
  const found = request.store.products.get(id);
  if (!found) throw noSuch('product', id, param);
  return found;
}

/**
 * The price `id` of a request, which must exist. The platform's prices are
 * looked up too, so the sample line item's price (always there) can be named.
 */
export function priceOf(request: StripeRequest, runtime: SandboxRuntime, id: string, param = 'id'): StripeObject {
  const found = request.store.prices.get(id) ?? runtime.state.prices.get(id);
  if (!found) throw noSuch('price', id, param);
  return found;
}

/** What a new product is given: its fields, and an `id` of the caller's choosing if any. */
export type ProductInput = Omit<NewProduct, 'id' | 'created' | 'livemode'> & { id?: string };

/** Makes and keeps a product, with `product.created`; a chosen `id` must be unused, as at Stripe. */
export function addProduct(request: StripeRequest, runtime: SandboxRuntime, input: ProductInput, idParam = 'id'): StripeObject {
  const { id: chosen, ...fields } = input;
  const id = chosen ?? runtime.ids.next('prod');
  if (request.store.products.has(id)) {
    throw new SandboxError(400, {
      type: 'invalid_request_error',
      code: 'resource_already_exists',
      param: idParam,
      message: 'Product already exists.',
      doc_url: 'https://stripe.com/docs/error-codes/resource-already-exists',
    });
  }
  const product = buildProduct({ ...fields, id, created: runtime.now(), livemode: request.livemode });
  request.store.products.set(id, product);
  runtime.events.record(request, 'product.created', product);
  return product;
}
