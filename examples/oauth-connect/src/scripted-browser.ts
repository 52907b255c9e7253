/** Where a scripted browser visit ended. */
export interface Visit {
  /** The last URL requested (or, with `stopBefore`, the one not requested). */
  url: string;
  status: number;
  text: string;
}

/** A browser of one user, scripted: it keeps that user's cookies and follows redirects, as a real one does. */
export interface ScriptedBrowser {
  /**
   * Opens `url` and follows every redirect: the product's `/connect` route, the
   * provider's authorization page (the sandboxes consent at once, as a user
   * clicking "Allow" would), and back to the product's callback. With
   * `stopBefore`, returns the first URL it matches without requesting it.
   */
  open(url: string, options?: { stopBefore?: (url: URL) => boolean }): Promise<Visit>;
  /** Every URL requested, in order (they carry codes and states: for tests, never for printing). */
  readonly history: readonly string[];
}

/** A {@link ScriptedBrowser} with an empty cookie jar. */
export function scriptedBrowser(): ScriptedBrowser {
  const jar = new Map<string, Map<string, string>>(); // origin → cookies
  const history: string[] = [];
  return {
    history,
    async open(start, options = {}) {
      let url = new URL(start);
      for (let hop = 0; hop < 10; hop++) {
        if (options.stopBefore?.(url)) return { url: url.href, status: 0, text: '' };
        const cookies = jar.get(url.origin) ?? new Map<string, string>();
        history.push(url.href);
        const response = await fetch(url, {
          redirect: 'manual',
          headers: cookies.size ? { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {},
        });
        for (const line of response.headers.getSetCookie()) {
          const pair = line.split(';')[0] ?? '';
          const at = pair.indexOf('=');
          cookies.set(pair.slice(0, at), pair.slice(at + 1));
        }
        jar.set(url.origin, cookies);
        const location = response.headers.get('location');
        const text = await response.text();
        if (response.status < 300 || response.status >= 400 || !location) return { url: url.href, status: response.status, text };
        url = new URL(location, url);
      }
      throw new Error(`Too many redirects; stopped at ${url.origin}${url.pathname}.`);
    },
  };
}
