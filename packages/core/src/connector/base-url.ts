import { ConfigurationError } from '../errors/configuration-error.js';

/**
 * What is wrong with a base URL, or undefined: it must be an absolute http(s)
 * URL that paths can be appended to. Never repeats the value, which may hold
 * a password.
 */
export function baseUrlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `uses ${url.protocol}, not http: or https:`;
  // fetch refuses URLs with credentials, so this would fail on every call.
  if (url.username || url.password) return 'holds a username or password: pass credentials through the auth scheme instead';
  // Paths are appended to the base, so a query or fragment would end up in the middle of every URL.
  if (url.search || url.hash) return 'has a query string or fragment: give only the origin and base path';
  return undefined;
}

/**
 * Moves `url` from under the base `standIn` to under `base`, keeping the rest
 * of its path and its query. Undefined when `url` is on another origin (it was
 * not built from the stand-in). Throws when `url` is on the stand-in's origin
 * but outside its path, when `base` is not a valid base URL, or when the
 * result would leave `base`'s path: a request never escapes its base path.
 */
export function rebaseUrl(url: URL, standIn: string, base: string): URL | undefined {
  const from = new URL(standIn);
  if (url.origin !== from.origin) return undefined;
  const fromPath = withoutTrailingSlash(from.pathname);
  if (!(url.pathname === fromPath || url.pathname.startsWith(`${fromPath}/`) || fromPath === '')) {
    throw new ConfigurationError(`The request path ${url.pathname} is outside the base path ${fromPath || '/'}; nothing was sent.`);
  }
  const problem = baseUrlProblem(base);
  if (problem) throw new ConfigurationError(`The base URL the tokens name ${problem}; nothing was sent.`);
  const to = new URL(base);
  const toPath = withoutTrailingSlash(to.pathname);
  const moved = new URL(`${to.origin}${toPath}${url.pathname.slice(fromPath.length)}${url.search}`);
  if (!(moved.pathname === toPath || moved.pathname.startsWith(`${toPath}/`) || toPath === '')) {
    throw new ConfigurationError(`The request would leave the base path ${toPath}; nothing was sent.`);
  }
  return moved;
}

function withoutTrailingSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}
