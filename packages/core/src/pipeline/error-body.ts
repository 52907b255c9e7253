import type { ProviderErrorInfo } from '../errors/api-error.js';

/**
 * Reads the shapes most APIs use for an error body, so a custom connector
 * gets a useful message without declaring a parser:
 * `{error: {message, code, type}}`, `{error: "..."}`, `{message, code}`,
 * `{errors: [{message, code}]}`.
 */
export function readErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body === 'string') return body.length <= 500 ? { message: body } : {};
  if (!isRecord(body)) return {};
  const nested = isRecord(body.error) ? body.error : undefined;
  const first = Array.isArray(body.errors) && isRecord(body.errors[0]) ? body.errors[0] : undefined;
  const source = nested ?? first ?? body;
  const message = str(source.message) ?? str(body.error) ?? str(body.error_description) ?? str(body.message);
  const code = str(source.code) ?? str(body.code);
  const type = str(source.type);
  return {
    ...(message ? { message } : {}),
    ...(code ? { code } : {}),
    ...(type ? { type } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}
