/**
 * The msw path of an operation: the origin, the base URL's own path, then
 * the operation's path with each `{name}` as an msw `:name` parameter.
 */
export function operationRoute(origin: string, baseUrl: string, path: string): string {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const own = (path.startsWith('/') ? path : `/${path}`).replace(/\{([^}]+)\}/g, (_, name: string) => `:${name}`);
  return `${origin}${basePath}${own}`;
}
