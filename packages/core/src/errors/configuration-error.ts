import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from './junction-error.js';

/** The connector or client is set up wrongly; the message says what to change. */
export class ConfigurationError extends JunctionError {
  constructor(message: string, options: JunctionErrorOptions = {}) {
    super(message, options);
    brand(this, 'ConfigurationError');
  }
}

/** True when `value` is a {@link ConfigurationError}. */
export function isConfigurationError(value: unknown): value is ConfigurationError {
  return hasBrand(value, 'ConfigurationError');
}
