import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../src/index.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const provider = [
  http.get('https://api.github.com/repos/o/r/issues', () =>
    HttpResponse.json([{ url: 'https://api.github.com/repos/o/r/issues/1' }], {
      headers: {
        link: '<https://api.github.com/repos/o/r/issues?page=2>; rel="next", <https://API.GITHUB.COM/repos/o/r/issues?page=9>; rel="last"',
        'x-elsewhere': 'https://api.github.com/repos',
      },
    }),
  ),
  http.get('https://api.github.com/moved', () =>
    HttpResponse.json(
      {},
      { status: 301, headers: { location: 'https://api.github.com/repos/o/r', 'content-location': 'https://api.github.com.evil.test/x' } },
    ),
  ),
];

describe('a loopback server with an origin', () => {
  it('points Link URLs on that origin back at itself, whatever their case', async () => {
    server = await startLoopbackServer({ handlers: provider, origin: 'https://api.github.com' });
    const response = await fetch(`${server.url}/repos/o/r/issues`);
    expect(response.headers.get('link')).toBe(
      `<${server.url}/repos/o/r/issues?page=2>; rel="next", <${server.url}/repos/o/r/issues?page=9>; rel="last"`,
    );
    // Only URL headers a client follows are rewritten; bodies and other headers are the handler's.
    expect(response.headers.get('x-elsewhere')).toBe('https://api.github.com/repos');
    expect(await response.json()).toEqual([{ url: 'https://api.github.com/repos/o/r/issues/1' }]);
  });

  it('rewrites Location for redirects, and leaves a look-alike host alone', async () => {
    server = await startLoopbackServer({ handlers: provider, origin: 'https://api.github.com' });
    const response = await fetch(`${server.url}/moved`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`${server.url}/repos/o/r`);
    expect(response.headers.get('content-location')).toBe('https://api.github.com.evil.test/x');
    await response.body?.cancel();
  });
});
