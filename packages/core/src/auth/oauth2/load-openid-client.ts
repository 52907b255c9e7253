import type * as OpenIdClientModule from 'openid-client';
import { lazyModule } from '../../internal/lazy-module.js';

/** The openid-client module, as {@link loadOpenIdClient} resolves it. */
export type OpenIdClient = typeof OpenIdClientModule;

const openIdClient = lazyModule<OpenIdClient>(() => import('openid-client'));

/**
 * Loads openid-client on first use, once per process: with oauth4webapi and
 * jose it costs tens of milliseconds that users without OAuth should not pay
 * at import, and every OAuth step is async anyway. Import it only through here.
 */
export function loadOpenIdClient(): Promise<OpenIdClient> {
  return openIdClient.load();
}
