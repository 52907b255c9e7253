/**
 * The system or undici error code (ECONNRESET, ECONNREFUSED, UND_ERR_SOCKET,
 * UND_ERR_HEADERS_TIMEOUT) anywhere in an error's cause chain; `BAD_PORT`
 * when fetch refused a blocked port, which it reports without a code.
 * fetch reports every network failure as "fetch failed": the code is what says which.
 */
export function systemCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(?:E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    if ((e as { message?: unknown }).message === 'bad port') return 'BAD_PORT';
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
