import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * The full URL the provider called, for schemes that sign it (HubSpot v3).
 * Proxy headers are trusted here because the URL only feeds the signature
 * check: a forged header can make verification fail, never pass.
 */
export function requestUrl(req: IncomingMessage & { originalUrl?: string }): string {
  const proto = firstValue(req.headers['x-forwarded-proto']) ?? ((req.socket as TLSSocket | undefined)?.encrypted ? 'https' : 'http');
  const host = firstValue(req.headers['x-forwarded-host']) ?? req.headers.host ?? 'localhost';
  // Express strips a router's mount path from req.url; originalUrl keeps it.
  return `${proto}://${host}${req.originalUrl ?? req.url ?? '/'}`;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const first = value?.split(',')[0]?.trim();
  return first ? first : undefined;
}
