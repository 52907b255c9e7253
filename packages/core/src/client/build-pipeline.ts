import { authMiddleware } from '../auth/auth-middleware.js';
import type { AuthStrategy } from '../auth/auth-strategy.js';
import type { AnyConnector } from '../connector/define-connector.js';
import type { Emit, Middleware } from '../pipeline/context.js';
import { observe } from '../pipeline/observe.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { createTransport } from '../pipeline/transport.js';
import type { ClientSettings } from './types.js';

/** Assembles a client's pipeline from the connector's policies and the user's settings, outermost first. */
export function buildPipeline(_connector: AnyConnector, settings: ClientSettings, strategy: AuthStrategy, _emit: Emit): Pipeline {
  const layers: [string, Middleware][] = [
    ['auth', authMiddleware(strategy)],
    ['observe', observe],
    ['transport', createTransport(settings.fetch ? { fetch: settings.fetch } : {})],
  ];
  return new Pipeline(layers);
}
