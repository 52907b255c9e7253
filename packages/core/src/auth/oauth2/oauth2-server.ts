import { ConfigurationError } from '../../errors/configuration-error.js';

/** The fetch used for every request to the authorization server; `globalThis.fetch` fits. */
export type OAuth2Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** An OpenID Connect server: its endpoints are discovered from `<issuer>/.well-known/openid-configuration`. */
export interface DiscoveredEndpoints {
  /** The issuer URL, e.g. `https://accounts.example.com`. */
  issuer: string;
  tokenUrl?: undefined;
  authorizationUrl?: undefined;
}

/** A plain OAuth 2 server without discovery, e.g. HubSpot: its endpoints are given. */
export interface ManualEndpoints {
  /** The token endpoint, e.g. `https://api.hubapi.com/oauth/v1/token`. */
  tokenUrl: string;
  /** The authorization endpoint; needed only for the authorization code flow. */
  authorizationUrl?: string;
  /**
   * The server's issuer identifier, checked against the `iss` parameter of a
   * callback when the server sends one (RFC 9207). Default: the token URL's
   * origin. No discovery happens either way.
   */
  issuer?: string;
}

/** How a client authenticates itself at the token endpoint. */
export type ClientAuthentication = 'client_secret_basic' | 'client_secret_post';

/**
 * Where an OAuth 2 authorization server is and how to talk to it: discovered
 * from an `issuer`, or given as `tokenUrl` (and `authorizationUrl`).
 */
export type OAuth2Server = (DiscoveredEndpoints | ManualEndpoints) & {
  /**
   * How the client secret is sent. Default `client_secret_basic` (the method
   * RFC 6749 requires servers to support); HubSpot wants `client_secret_post`.
   */
  clientAuthentication?: ClientAuthentication;
  /** Allows `http://` endpoints. Only for local test servers: tokens and secrets would travel in clear. Default false. */
  allowInsecureRequests?: boolean;
  /** The fetch for requests to the authorization server. Default: the global fetch. */
  fetch?: OAuth2Fetch;
  /** Time allowed for each request to the authorization server, in milliseconds. Default 30 000. */
  timeoutMs?: number;
};

/** Checks a server declaration once, when the scheme is made, so mistakes surface at start-up. */
export function checkServer(server: OAuth2Server): void {
  const urls: [string, string | undefined][] =
    server.tokenUrl === undefined
      ? [['issuer', server.issuer]]
      : [
          ['tokenUrl', server.tokenUrl],
          ['authorizationUrl', server.authorizationUrl],
          ['issuer', server.issuer],
        ];
  if (server.tokenUrl === undefined && typeof server.issuer !== 'string') {
    throw new ConfigurationError('An OAuth 2 server needs an "issuer" (to discover its endpoints) or a "tokenUrl".');
  }
  for (const [name, value] of urls) {
    if (value === undefined) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigurationError(`The OAuth 2 server's ${name} "${value}" is not an absolute URL.`);
    }
    // The issuer is only an identifier for manual servers; it is never fetched.
    if (url.protocol === 'http:' && !server.allowInsecureRequests && !(name === 'issuer' && server.tokenUrl !== undefined)) {
      throw new ConfigurationError(
        `The OAuth 2 server's ${name} uses http://, which would send secrets in clear. Use https://, or set allowInsecureRequests: true for a local test server.`,
      );
    }
  }
}
