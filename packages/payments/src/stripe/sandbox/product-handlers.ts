import { addProduct, priceOf, productOf } from './catalog-store.js';
import { trackChanges } from './field-changes.js';
import { filterCreated, listPage, newestFirst } from './list-page.js';
import { mergeMetadata } from './metadata.js';
import { addPrice, checkPrice } from './price-create.js';
import { invalidParam } from './sandbox-error.js';
import type { StripeHandlers } from './stripe-handler.js';

// Fields an update may clear with '' (Stripe reads an empty string as "unset").
const CLEARABLE = ['description', 'statement_descriptor', 'tax_code', 'unit_label', 'url'] as const;

/** Products: create (with `default_price_data`), retrieve, update, list. */
export const productHandlers: StripeHandlers = {
  createProduct: (params, request, runtime) => {
    // The price is checked first, so a bad one leaves no product behind.
    const priceFields = params.default_price_data ? checkPrice(params.default_price_data, 'default_price_data') : undefined;
    const id = params.id ?? runtime.ids.next('prod');
    const priceId = priceFields ? runtime.ids.next('price') : undefined;
    const product = addProduct(request, runtime, {
      id,
      name: params.name,
      active: params.active ?? true,
      metadata: mergeMetadata({}, params.metadata),
      default_price: priceId ?? null,
      description: params.description ?? null,
      images: params.images ?? [],
      features: params.features ?? [],
      package_dimensions: params.package_dimensions ?? null,
      shippable: params.shippable ?? null,
      statement_descriptor: params.statement_descriptor ?? null,
      tax_code: params.tax_code ?? null,
      unit_label: params.unit_label ?? null,
      url: params.url ?? null,
    });
    if (priceFields) addPrice(request, runtime, id, priceFields, { id: priceId });
    return product;
  },

  retrieveProduct: (params, request) => productOf(request, params.id),

  updateProduct: (params, request, runtime) => {
    const product = productOf(request, params.id);
    if (params.default_price !== undefined) {
      const price = priceOf(request, runtime, params.default_price, 'default_price');
      if (price.product !== product.id) {
        throw invalidParam('default_price', `The price \`${price.id}\` does not belong to the product \`${product.id}\`.`);
      }
    }
    const changes = trackChanges(product);
    changes.set('name', params.name);
    changes.set('active', params.active);
    changes.set('default_price', params.default_price);
    changes.set('shippable', params.shippable);
    for (const name of CLEARABLE) changes.set(name, params[name] === '' ? null : params[name]);
    changes.set('images', params.images === '' ? [] : params.images);
    changes.set('features', params.features === '' ? [] : params.features);
    changes.set('package_dimensions', params.package_dimensions === '' ? null : params.package_dimensions);
    if (params.metadata !== undefined) changes.set('metadata', mergeMetadata(product.metadata as Record<string, string>, params.metadata));
    if (changes.changed()) {
      changes.set('updated', runtime.now());
      runtime.events.record(request, 'product.updated', product, changes.previous);
    }
    return product;
  },

  listProducts: (params, request) => {
    const ids = params.ids ? new Set(params.ids) : undefined;
    const items = filterCreated(newestFirst(request.store.products.values()), params.created).filter(
      (product) =>
        (params.active === undefined || product.active === params.active) &&
        (params.shippable === undefined || product.shippable === params.shippable) &&
        (params.url === undefined || product.url === params.url) &&
        (ids === undefined || ids.has(product.id)),
    );
    return listPage(items, params, '/v1/products');
  },
};
