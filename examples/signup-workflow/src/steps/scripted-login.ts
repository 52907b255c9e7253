/**
 * Plays the user in a browser: follows the authorization URL through the
 * identity service's login and consent pages, filling them in, and returns
 * the callback URL it redirects to (not fetched: it is the app's own route).
 */
export async function scriptedLogin(authorizationUrl: string, login: string, redirectUri: string): Promise<string> {
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
    // The interaction is tied to its cookies, as in a browser.
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const html = await response.text();
    const location = response.headers.get('location');
    if (location) return new URL(location, url);
    if (form) throw new Error(`The ${form.prompt} form at ${url.pathname} was not accepted: ${response.status}`);
    // An interaction page: answer whichever prompt it shows.
    const prompt: Record<string, string> = html.includes('name="login"')
      ? { prompt: 'login', login, password: 'demo-password' }
      : { prompt: 'consent' };
    return go(url, prompt);
  };

  let url = new URL(authorizationUrl);
  for (let step = 0; step < 12; step++) {
    url = await go(url);
    if (url.href.startsWith(redirectUri)) return url.href;
  }
  throw new Error(`The login did not reach the app's callback; it stopped at ${url.pathname}`);
}
