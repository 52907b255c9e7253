import { JunctionError } from '@junction/core';
import { brand, hasBrand } from '@junction/core/utils';

/**
 * The provider has no such feature (e.g. customer search where customers
 * are only references). Adapters throw it instead of pretending; check
 * with `isUnsupportedFeatureError`.
 */
export class UnsupportedFeatureError extends JunctionError {
  /** The provider, e.g. `adyen`. */
  readonly provider: string;
  /** The unified method, e.g. `customers.searchByEmail`. */
  readonly feature: string;

  constructor(provider: string, feature: string, hint?: string) {
    super(`${provider} does not support ${feature}${hint ? `: ${hint}` : '.'}`);
    this.provider = provider;
    this.feature = feature;
    brand(this, 'UnsupportedFeatureError');
  }
}

/** True when `value` is an {@link UnsupportedFeatureError}, across duplicate installs. */
export function isUnsupportedFeatureError(value: unknown): value is UnsupportedFeatureError {
  return hasBrand(value, 'UnsupportedFeatureError');
}
