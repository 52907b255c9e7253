/**
 * Plays the user in a browser: follows the authorization URL through
 * oidc-provider's development login and consent pages, and returns the
 * callback URL the server redirects to (which is not fetched).
 */
export async function loginAndConsent(authorizationUrl: string, accountId: string, redirectUri: string): Promise<string> {
  const cookies = new Map<string, string>();
  const go = async (url: URL, form?: Record<string, string>): Promise<URL> => {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const html = await response.text();
    const location = response.headers.get('location');
    if (location) return new URL(location, url);
    if (form) throw new Error(`The ${form.prompt} form at ${url.href} was not accepted: ${response.status}`);
    // An interaction page: answer whichever prompt it shows.
    const prompt: Record<string, string> = html.includes('name="login"')
      ? { prompt: 'login', login: accountId, password: 'any' }
      : { prompt: 'consent' };
    return go(url, prompt);
  };

  let url = new URL(authorizationUrl);
  for (let step = 0; step < 12; step++) {
    url = await go(url);
    if (url.href.startsWith(redirectUri)) return url.href;
  }
  throw new Error(`The login did not reach ${redirectUri}; it stopped at ${url.href}`);
}
