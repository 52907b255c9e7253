import type { AuthStrategy } from '../auth/auth-strategy.js';
import { ConfigurationError } from '../errors/configuration-error.js';

/** True when running in a browser page or worker, where anything in memory is visible to the user. */
export function isBrowser(): boolean {
  const g = globalThis as { window?: { document?: unknown }; importScripts?: unknown };
  return (typeof g.window === 'object' && typeof g.window?.document === 'object') || typeof g.importScripts === 'function';
}

/** Refuses to hold a secret credential in a browser unless the caller opted in. */
export function guardBrowser(connectorName: string, strategy: AuthStrategy, allow: boolean | undefined): void {
  if (strategy.browserSafe || allow || !isBrowser()) return;
  throw new ConfigurationError(
    `Refusing to create a ${connectorName} client with a secret credential (${strategy.kind}) in a browser: ` +
      'anyone who opens the page could read it. Call the API from your server instead, ' +
      'or pass { dangerouslyAllowBrowser: true } if the credential is meant to be public.',
  );
}
