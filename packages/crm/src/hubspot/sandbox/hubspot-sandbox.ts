import { randomUUID } from 'node:crypto';
import { createOAuthServer, defineSandbox, type OAuthClient, type OAuthServer, type WebhookDelivery } from '@junction/testing';
import { type HttpHandler, http } from 'msw';
import { HUBSPOT_OAUTH_ENDPOINTS, HUBSPOT_REFRESH_TOKENS_URL } from '../hubspot-auth.js';
import { hubspotConnector } from '../hubspot-connector.js';
import type { HubspotObjectType, HubspotPipeline } from '../hubspot-schemas.js';
import { HUBSPOT_BASE_URL } from '../hubspot-version.js';
import { AssociationStore, associationHandlers, DEFAULT_DEAL_PIPELINE, pipelineHandlers } from './hubspot-sandbox-associations.js';
import { batchHandlers } from './hubspot-sandbox-batch.js';
import { HubspotLimits, type HubspotSandboxLimits } from './hubspot-sandbox-limits.js';
import { objectHandlers } from './hubspot-sandbox-objects.js';
import { hubspotError } from './hubspot-sandbox-responses.js';
import { HubspotObjectStore, type ObjectChange, type StoredObject } from './hubspot-sandbox-store.js';
import { type HubspotSandboxWebhooks, HubspotWebhookOutbox } from './hubspot-sandbox-webhooks.js';

/** Options for {@link createHubspotSandbox}. */
export interface HubspotSandboxOptions {
  /** The origin it answers on. Default `https://api.hubapi.com`. */
  origin?: string;
  /** Private app tokens it accepts. Default `['pat-sandbox-token']`. */
  accessTokens?: readonly string[];
  /** OAuth apps: serves `/oauth/authorize`, `/oauth/v1/token` (PKCE, refresh, `expires_in`) and `DELETE /oauth/v1/refresh-tokens/:token`. */
  oauth?: { clients: readonly OAuthClient[]; expiresIn?: number };
  /** The meters (rolling window, daily, search). Default HubSpot Professional's; `false` for none. */
  limits?: HubspotSandboxLimits | false;
  /** Deliver signed v3 webhooks on every change. */
  webhooks?: HubspotSandboxWebhooks;
  /** Pipelines by object type. Default: HubSpot's default deal pipeline. */
  pipelines?: Readonly<Record<string, readonly HubspotPipeline[]>>;
  /** The clock, in ms: timestamps, limits, token expiry. Default `Date.now`. */
  now?: () => number;
}

/** One request the sandbox answered. */
export interface HubspotSandboxRequest {
  operation: string;
  method: string;
  path: string;
  status: number;
  requestId: string;
}

/** A HubSpot sandbox: msw handlers, and what a test reads and changes. */
export interface HubspotSandbox {
  /** For `setupServer` or `startLoopbackServer({ handlers, origin })`. */
  readonly handlers: HttpHandler[];
  readonly origin: string;
  /** The OAuth server, when `oauth` was given (its `issued()` counts token requests). */
  readonly oauth: OAuthServer | undefined;
  /** Every request answered, in order (OAuth requests not included). */
  readonly requests: readonly HubspotSandboxRequest[];
  /** Every record of a type, archived ones included. */
  objects(objectType: HubspotObjectType): StoredObject[];
  /** The associations, as `type:id|type:id` pairs (both directions). */
  associations(): string[];
  /** Webhook deliveries made or under way, each with the event ids and types it carried. */
  readonly deliveries: readonly (WebhookDelivery & { eventIds: number[]; types: string[] })[];
  /** Waits for every webhook delivery under way. */
  flushWebhooks(): Promise<void>;
  /** The meters: `force('TEN_SECONDLY_ROLLING', 2)` makes the next two requests 429s; `spendDay()` spends the daily budget. */
  readonly limits: Pick<HubspotLimits, 'force' | 'spendDay'>;
  /** Forgets records, associations, requests, meters, deliveries and tokens. */
  reset(): void;
}

/**
 * A stateful HubSpot for tests, routed from the connector's own operation
 * declarations: records with unique contact emails (409 CONFLICT naming the
 * existing id), search with HubSpot's operators, sorts and `after` paging,
 * batches with 207 per-item errors and upsert by `idProperty`, associations
 * v4, pipelines, HubSpot-shaped errors, a rolling 10-second limit and a daily
 * budget answering 429 with `policyName`, OAuth with expiring tokens, and
 * signed v3 webhook batches on every change.
 */
export function createHubspotSandbox(options: HubspotSandboxOptions = {}): HubspotSandbox {
  const now = options.now ?? (() => Date.now());
  const origin = new URL(options.origin ?? HUBSPOT_BASE_URL).origin;
  const outbox = options.webhooks ? new HubspotWebhookOutbox(options.webhooks, now) : undefined;
  const onChange = (change: ObjectChange) => outbox?.record(change);
  const store = new HubspotObjectStore(now, onChange);
  const associations = new AssociationStore();
  const limits = new HubspotLimits(options.limits || {}, now);
  const metered = options.limits !== false;
  const tokens = new Set(options.accessTokens ?? ['pat-sandbox-token']);
  const requests: HubspotSandboxRequest[] = [];
  const oauth = options.oauth
    ? createOAuthServer({
        origin,
        paths: {
          authorize: new URL(HUBSPOT_OAUTH_ENDPOINTS.authorizationUrl).pathname,
          token: new URL(HUBSPOT_OAUTH_ENDPOINTS.tokenUrl).pathname,
        },
        clients: options.oauth.clients,
        expiresIn: options.oauth.expiresIn ?? 1800,
        // HubSpot documents no refresh-token rotation (unverified): the refresh token stays the same.
        rotateRefreshTokens: false,
        now,
      })
    : undefined;

  const sandbox = defineSandbox(
    hubspotConnector,
    {
      ...objectHandlers(store),
      ...batchHandlers(store, now),
      ...associationHandlers(store, associations, onChange),
      ...pipelineHandlers(options.pipelines ?? { deals: [DEFAULT_DEAL_PIPELINE], tickets: [] }),
    },
    {
      origin,
      before: ({ request, operation }) => authenticate(request, tokens, oauth) ?? (metered ? limits.refuse(operation) : undefined),
      invalid: (error) =>
        hubspotError(
          400,
          'VALIDATION_ERROR',
          `Invalid input: ${error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`,
          {
            errors: error.issues.map((issue) => ({ message: issue.message, in: issue.path.join('.') })),
          },
        ),
      refuse: (unknown) =>
        hubspotError(400, 'VALIDATION_ERROR', `Unknown parameters: ${unknown.join(', ')}`, {
          errors: unknown.map((name) => ({ message: 'unknown parameter', code: 'UNKNOWN_PARAMETER', in: name })),
        }),
      after: (response, { operation, request, requestId }) => {
        requests.push({ operation, method: request.method, path: new URL(request.url).pathname, status: response.status, requestId });
        // Deliveries follow the answer that caused them, as HubSpot's do.
        outbox?.dispatch();
        const headers = new Headers(response.headers);
        if (metered) for (const [name, value] of Object.entries(limits.headers())) if (!headers.has(name)) headers.set(name, value);
        headers.set('x-hubspot-correlation-id', randomUUID());
        return new Response(response.body, { status: response.status, headers });
      },
    },
  );

  // Deleting a refresh token (how an app disconnects an account) ends it and the access tokens it gave.
  // HubSpot documents 204; its answer for an unknown token is unverified, so this answers 204 too, as RFC 7009 would.
  const deleteRefreshToken = oauth
    ? [
        http.delete(`${origin}${new URL(HUBSPOT_REFRESH_TOKENS_URL).pathname}/:token`, ({ params }) => {
          oauth.revoke(String(params.token));
          return new Response(null, { status: 204 });
        }),
      ]
    : [];

  return {
    handlers: [...(oauth?.handlers ?? []), ...deleteRefreshToken, ...sandbox.handlers],
    origin,
    oauth,
    requests,
    objects: (objectType) => store.all(objectType),
    associations: () => associations.all(),
    deliveries: outbox?.sender.deliveries ?? [],
    flushWebhooks: () => outbox?.flush() ?? Promise.resolve(),
    limits,
    reset() {
      store.clear();
      associations.clear();
      requests.length = 0;
      limits.reset();
      outbox?.reset();
      oauth?.reset();
    },
  };
}

// A private app token or a live OAuth access token; anything else is HubSpot's 401.
function authenticate(request: Request, tokens: ReadonlySet<string>, oauth: OAuthServer | undefined): Response | undefined {
  const header = request.headers.get('authorization') ?? '';
  const token = /^Bearer (.+)$/.exec(header)?.[1];
  if (token === undefined) {
    return hubspotError(
      401,
      'INVALID_AUTHENTICATION',
      'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
    );
  }
  if (tokens.has(token) || oauth?.verify(token)) return undefined;
  return hubspotError(401, 'EXPIRED_AUTHENTICATION', 'The OAuth token used to make this call expired or is not valid.');
}
