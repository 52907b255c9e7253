/**
 * The request's parameters as a provider would read them: JSON bodies parsed,
 * form bodies as a plain object (repeated names keep the last value), any
 * other body as text, and no body as `undefined`.
 */
export function readParams(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  const type = (contentType ?? '').toLowerCase();
  if (/[/+]json\b/.test(type)) {
    try {
      return JSON.parse(text);
    } catch {
      // The endpoint decides what to do with a broken body; it gets the text.
      return text;
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return text;
}
