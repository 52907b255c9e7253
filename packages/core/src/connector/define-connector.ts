import type { AuthScheme } from '../auth/auth-strategy.js';
import { headersProblem } from '../encoding/header-rules.js';
import type { ProviderErrorInfo } from '../errors/api-error.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import type { IdempotencyPolicy } from '../idempotency/idempotency-policy.js';
import type { AnyPollDefinition } from '../polling/poll-definition.js';
import type { RateLimitPolicy } from '../rate-limit/rate-limit-policy.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import { checkSchema } from '../schema/check-schema.js';
import type { AnyWebhooksDefinition } from '../webhooks/define-webhooks.js';
import { baseUrlProblem } from './base-url.js';
import { checkTimeout } from './check-timeout.js';
import type { AnyOperation } from './operation.js';

/** How to read a provider's error responses. */
export interface ErrorMapping {
  /**
   * Reads code, message, request id (and any retry verdict) from an error
   * body. Fields it leaves out are read from common shapes (`{error: {message}}`).
   */
  parse?(body: unknown, response: { status: number; headers: Headers }): ProviderErrorInfo | undefined;
  /** The response header carrying the provider's request id; `x-request-id` and `request-id` are tried anyway. */
  requestIdHeader?: string;
}

/** The names a client uses for itself; operations cannot take them. */
export const RESERVED_NAMES = ['request', 'on', 'once', 'off', 'use', 'connector'] as const;

/** Everything particular to one provider. Made with {@link defineConnector}. */
export interface ConnectorDefinition<
  TOperations extends Record<string, AnyOperation> = Record<string, AnyOperation>,
  // biome-ignore lint/suspicious/noExplicitAny: a scheme's credentials type is whatever it declares.
  TAuth extends AuthScheme<any> = AuthScheme<any>,
  TWebhooks extends AnyWebhooksDefinition | undefined = AnyWebhooksDefinition | undefined,
  TPoll extends AnyPollDefinition | undefined = AnyPollDefinition | undefined,
> {
  /** A short, lowercase name used in errors, events and shared limiter keys, e.g. `stripe`. */
  name: string;
  /** The API's root URL; clients may override it (a sandbox, a regional host). */
  baseUrl: string;
  /** Headers on every request, e.g. an API version pin. */
  headers?: Record<string, string>;
  /** How requests are authenticated, and what credentials the user supplies. */
  auth: TAuth;
  /** The endpoints, each made with `defineOperation`. Each becomes a client method of the same name. */
  operations: TOperations;
  /** How the provider's error bodies read. */
  errors?: ErrorMapping;
  /** The provider's retry rules (which failures, how long to wait). */
  retry?: RetryPolicy;
  /** The provider's default limits. */
  rateLimit?: RateLimitPolicy;
  /** How the provider takes idempotency keys. */
  idempotency?: IdempotencyPolicy;
  /** How the provider signs and shapes webhook deliveries: made with `defineWebhooks`, served by `createWebhookReceiver`. */
  webhooks?: TWebhooks;
  /** How to list events since a cursor when webhooks are not available: made with `definePoll`, run by `createPoller`. */
  poll?: TPoll;
  /** Time allowed for one attempt, from sending to the last byte of the body. Default 30 s. */
  timeoutMs?: number;
}

/** Any connector, whatever its operations. */
// biome-ignore lint/suspicious/noExplicitAny: the widest connector type accepts every scheme.
export type AnyConnector = ConnectorDefinition<Record<string, AnyOperation>, AuthScheme<any>>;

type Reserved = (typeof RESERVED_NAMES)[number];

/** Compiles only when no operation takes a name the client itself uses. */
export type CheckOperationNames<T> = [Extract<keyof T, Reserved>] extends [never]
  ? unknown
  : { operations: `operation names clash with the client's own methods: ${Extract<keyof T, Reserved> & string}` };

/**
 * Declares a connector: a typed description of one provider that
 * `createClient` turns into a client. It checks the declaration once, here,
 * so mistakes surface at start-up rather than on the first call.
 */
export function defineConnector<
  const TOperations extends Record<string, AnyOperation>,
  // biome-ignore lint/suspicious/noExplicitAny: inferred from the declaration.
  TAuth extends AuthScheme<any>,
  TWebhooks extends AnyWebhooksDefinition | undefined = undefined,
  TPoll extends AnyPollDefinition | undefined = undefined,
>(
  connector: ConnectorDefinition<TOperations, TAuth, TWebhooks, TPoll> & CheckOperationNames<TOperations>,
): ConnectorDefinition<TOperations, TAuth, TWebhooks, TPoll> {
  checkConnector(connector);
  return connector;
}

/**
 * The checks {@link defineConnector} makes; `createClient` makes them again,
 * for connectors written as plain objects. Values in headers are never shown.
 */
export function checkConnector(connector: AnyConnector): void {
  if (!/^[a-z][a-z0-9-_]*$/.test(connector.name ?? '')) {
    throw new ConfigurationError(
      `Connector name "${connector.name}" is not valid: use lowercase letters, digits, "-" or "_", starting with a letter.`,
    );
  }
  const fail = (message: string): never => {
    throw new ConfigurationError(`Connector "${connector.name}" ${message}`);
  };
  const baseUrl = baseUrlProblem(connector.baseUrl);
  if (baseUrl) {
    const shown = typeof connector.baseUrl === 'string' && !connector.baseUrl.includes('@') ? ` "${connector.baseUrl}"` : '';
    fail(`has an invalid baseUrl${shown}: it ${baseUrl}. Give an absolute URL such as https://api.example.com.`);
  }
  const headers = headersProblem(connector.headers);
  if (headers) fail(`has bad "headers": ${headers}.`);
  checkTimeout(connector.timeoutMs, (message) => fail(`has a bad timeout: ${message}`));
  if (typeof connector.auth?.create !== 'function') fail('needs an "auth" scheme, e.g. bearer(), apiKey({ header }) or noAuth().');
  for (const [name, operation] of Object.entries(connector.operations ?? {})) {
    if ((RESERVED_NAMES as readonly string[]).includes(name)) {
      fail(`declares an operation named "${name}", which the client uses itself: rename it.`);
    }
    const opHeaders = headersProblem(operation.headers);
    if (opHeaders) fail(`operation "${name}" has bad "headers": ${opHeaders}.`);
    checkSchema(operation.input, `Connector "${connector.name}", operation "${name}": the input schema`);
    checkSchema(operation.output, `Connector "${connector.name}", operation "${name}": the output schema`);
  }
}
