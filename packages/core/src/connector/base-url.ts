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
