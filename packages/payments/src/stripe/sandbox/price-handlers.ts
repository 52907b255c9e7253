import { addProduct, priceOf, productOf } from './catalog-store.js';
import { trackChanges } from './field-changes.js';
import { filterCreated, listPage, newestFirst } from './list-page.js';
import { mergeMetadata } from './metadata.js';
import { addPrice, checkPrice, claimLookupKey } from './price-create.js';
import type { PriceRecurring } from './price-object.js';
import { missingParam, SandboxError } from './sandbox-error.js';
import type { StripeHandlers } from './stripe-handler.js';

/** Prices: create (for a `product`, or a new one from `product_data`), retrieve, update, list. */
export const priceHandlers: StripeHandlers = {
  createPrice: (params, request, runtime) => {
    const { product, product_data: data } = params;
    if (product !== undefined && data !== undefined) {
      throw new SandboxError(400, {
        type: 'invalid_request_error',
        message: 'You may only specify one of these parameters: product, product_data.',
      });
    }
    if (product === undefined && data === undefined) throw missingParam('product');
    const fields = checkPrice(params);
    const transfer = params.transfer_lookup_key === true;
    // A lookup key already in use is refused before a product is made for the price.
    if (fields.lookup_key) claimLookupKey(request, runtime, fields.lookup_key, transfer);
    const productId =
      product !== undefined
        ? productOf(request, product, 'product').id
        : addProduct(
            request,
            runtime,
            {
              id: data?.id,
              name: data?.name ?? '',
              active: data?.active ?? true,
              metadata: mergeMetadata({}, data?.metadata),
              statement_descriptor: data?.statement_descriptor ?? null,
              tax_code: data?.tax_code ?? null,
              unit_label: data?.unit_label ?? null,
            },
            'product_data[id]',
          ).id;
    return addPrice(request, runtime, productId, fields, { transfer });
  },

  retrievePrice: (params, request, runtime) => priceOf(request, runtime, params.id),

  updatePrice: (params, request, runtime) => {
    const price = priceOf(request, runtime, params.id);
    if (params.lookup_key) claimLookupKey(request, runtime, params.lookup_key, params.transfer_lookup_key === true, price);
    const changes = trackChanges(price);
    changes.set('active', params.active);
    changes.set('nickname', params.nickname === '' ? null : params.nickname);
    changes.set('lookup_key', params.lookup_key === '' ? null : params.lookup_key);
    changes.set('tax_behavior', params.tax_behavior);
    if (params.metadata !== undefined) changes.set('metadata', mergeMetadata(price.metadata as Record<string, string>, params.metadata));
    if (changes.changed()) runtime.events.record(request, 'price.updated', price, changes.previous);
    return price;
  },

  listPrices: (params, request) => {
    const keys = params.lookup_keys ? new Set(params.lookup_keys) : undefined;
    const currency = params.currency?.toLowerCase();
    const items = filterCreated(newestFirst(request.store.prices.values()), params.created).filter((price) => {
      const recurring = price.recurring as PriceRecurring | null;
      return (
        (params.active === undefined || price.active === params.active) &&
        (currency === undefined || price.currency === currency) &&
        (params.product === undefined || price.product === params.product) &&
        (params.type === undefined || price.type === params.type) &&
        (params.recurring?.interval === undefined || recurring?.interval === params.recurring.interval) &&
        (params.recurring?.usage_type === undefined || recurring?.usage_type === params.recurring.usage_type) &&
        (keys === undefined || keys.has(String(price.lookup_key)))
      );
    });
    return listPage(items, params, '/v1/prices');
  },
};
