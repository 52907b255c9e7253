import { brand, hasBrand, JunctionError } from './junction-error.js';

/**
 * The provider has no such feature (one email provider cannot schedule, a
 * payments provider cannot search customers). A category's adapter throws it
 * instead of pretending; check with `isUnsupportedFeatureError`.
 */
export class UnsupportedFeatureError extends JunctionError {
  /** The provider, e.g. `sendgrid`. */
  readonly provider: string;
  /** The unified method or option, e.g. `customers.searchByEmail`. */
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
