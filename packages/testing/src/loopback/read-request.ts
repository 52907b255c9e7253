import type { IncomingMessage } from 'node:http';

/** A request read off the wire: its Fetch form for the handlers, and its body text for the record. */
export interface ReadRequest {
  request: Request;
  headers: Headers;
  body: string;
}

/**
 * Reads the whole body of `incoming` (however it was framed: length or
 * chunked) and rebuilds it as a Fetch `Request` on `origin`.
 */
export async function readRequest(incoming: IncomingMessage, origin: string): Promise<ReadRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);

  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);

  const method = (incoming.method ?? 'GET').toUpperCase();
  const canHaveBody = method !== 'GET' && method !== 'HEAD';
  const request = new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    ...(canHaveBody && bytes.length > 0 ? { body: bytes } : {}),
  });
  return { request, headers, body: bytes.toString('utf8') };
}
