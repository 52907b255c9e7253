import type { ServerResponse } from 'node:http';
import type { HeaderRewriter } from './rewrite-origin.js';

/** Sends a Fetch `Response` over a node:http response, streaming its body; `rewrite` may change header values on the way. */
export async function writeResponse(res: ServerResponse, response: Response, method: string, rewrite?: HeaderRewriter): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, rewrite ? rewrite(name, value) : value);
  }
  // Headers iteration joins cookies with commas, which breaks them: send each one on its own.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);

  if (!response.body || method === 'HEAD') {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) break;
      // Respect backpressure, so a large or slow stream is not buffered whole.
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  res.end();
}
