// Response headers that carry URLs a client follows: pagination links and redirects.
const URL_HEADERS = new Set(['link', 'location', 'content-location']);

/** Rewrites one response header's value before it is sent. */
export type HeaderRewriter = (name: string, value: string) => string;

/**
 * Points the absolute URLs a handler writes for `from` (the provider's
 * origin, e.g. `https://api.github.com`) at `to` (the loopback server), so a
 * client follows a `Link` or `Location` back to this server rather than to
 * the real provider, or refuses it as another origin. Undefined when they are
 * the same: nothing to rewrite.
 */
export function originRewriter(from: string, to: string): HeaderRewriter | undefined {
  if (from === to) return undefined;
  // Only the whole origin: `https://api.example.com.evil.test` is another host and stays as it is.
  const pattern = new RegExp(`${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[/?#>;,"'\\s]|$)`, 'gi');
  return (name, value) => (URL_HEADERS.has(name.toLowerCase()) ? value.replace(pattern, to) : value);
}
