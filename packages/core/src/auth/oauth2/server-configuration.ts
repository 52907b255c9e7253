import type { Configuration, CustomFetch, ServerMetadata } from 'openid-client';
import { loadOpenIdClient, type OpenIdClient } from './load-openid-client.js';
import type { OAuth2Fetch, OAuth2Server } from './oauth2-server.js';
import { toTokenEndpointError } from './token-endpoint-error.js';

/** Who the client is at the authorization server. */
export interface OAuth2ClientIdentity {
  clientId: string;
  /** Absent for public clients, which prove themselves with PKCE alone. */
  clientSecret?: string;
}

/** Builds openid-client configurations for one server, discovering its metadata once. */
export interface ServerConfiguration {
  /** An openid-client configuration for this client. Rejects with a typed error when discovery fails. */
  configure(client: OAuth2ClientIdentity, context?: { connector?: string; redact?: (text: string) => string }): Promise<Configuration>;
  /** The URL the server is known by: the token URL, or the issuer of a discovered server. */
  readonly label: string;
  /** The request timeout in milliseconds. */
  readonly timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Prepares openid-client for `server`. Discovered metadata is kept for the
 * life of the scheme (one per connector), not in a module-global cache; a
 * failed discovery is not kept, so the next call tries again.
 */
export function serverConfiguration(server: OAuth2Server): ServerConfiguration {
  const timeoutMs = server.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let metadata: Promise<ServerMetadata> | undefined;

  const manual = (): ServerMetadata => {
    const tokenUrl = server.tokenUrl as string;
    return {
      issuer: server.issuer ?? new URL(tokenUrl).origin,
      token_endpoint: tokenUrl,
      ...(server.authorizationUrl ? { authorization_endpoint: server.authorizationUrl } : {}),
    };
  };

  const discover = async (
    openid: OpenIdClient,
    client: OAuth2ClientIdentity,
    context: { connector?: string; redact?: (text: string) => string },
  ) => {
    const issuer = server.issuer as string;
    try {
      const found = await openid.discovery(new URL(issuer), client.clientId, undefined, undefined, {
        ...(server.allowInsecureRequests ? { execute: [openid.allowInsecureRequests] } : {}),
        ...(server.fetch ? { [openid.customFetch]: asCustomFetch(server.fetch) } : {}),
        timeout: timeoutMs / 1000,
      });
      return found.serverMetadata();
    } catch (error) {
      throw toTokenEndpointError(
        error,
        {
          grant: 'discovery',
          url: issuer,
          timeoutMs,
          redact: context.redact ?? ((text) => text),
          ...(context.connector ? { connector: context.connector } : {}),
        },
        openid,
      );
    }
  };

  const result: ServerConfiguration = {
    label: server.tokenUrl ?? (server.issuer as string),
    timeoutMs,
    async configure(client, context = {}) {
      const openid = await loadOpenIdClient();
      if (server.tokenUrl === undefined) {
        metadata ??= discover(openid, client, context).catch((error: unknown) => {
          metadata = undefined;
          throw error;
        });
      } else {
        metadata ??= Promise.resolve(manual());
      }
      const found = await metadata;
      const config = new openid.Configuration(found, client.clientId, undefined, clientAuthentication(openid, server, client));
      if (server.allowInsecureRequests) openid.allowInsecureRequests(config);
      if (server.fetch) config[openid.customFetch] = asCustomFetch(server.fetch);
      config.timeout = timeoutMs / 1000;
      return config;
    },
  };
  return result;
}

function clientAuthentication(openid: OpenIdClient, server: OAuth2Server, client: OAuth2ClientIdentity) {
  if (!client.clientSecret) return openid.None();
  return server.clientAuthentication === 'client_secret_post'
    ? openid.ClientSecretPost(client.clientSecret)
    : openid.ClientSecretBasic(client.clientSecret);
}

/** The token endpoint of a configuration, for messages and request summaries. */
export function tokenEndpointOf(config: Configuration): string {
  const metadata = config.serverMetadata();
  return metadata.token_endpoint ?? metadata.issuer;
}

/**
 * openid-client's fetch signature differs from the standard one only in the
 * typing of typed-array bodies (it sends form bodies and GETs), so a standard
 * fetch is what users pass and what it gets.
 */
function asCustomFetch(fetch: OAuth2Fetch): CustomFetch {
  return fetch as unknown as CustomFetch;
}
