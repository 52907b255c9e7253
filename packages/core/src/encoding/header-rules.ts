// RFC 9110 token characters: anything else in a name is refused by fetch with a TypeError.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * What is wrong with a header value, or undefined when it can be sent. Never
 * includes the value: it may be a credential.
 */
export function headerValueProblem(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    // CR and LF would end the header early (and let a value inject others); NUL is refused by every HTTP stack.
    if (code === 13 || code === 10 || code === 0) return 'contains a line break (CR or LF) or NUL';
    if (code > 255) return 'contains a character outside Latin-1 (encode it first, e.g. percent-encoding)';
  }
  return undefined;
}

/** What is wrong with one header (its name, its type, its value), or undefined when it can be sent. */
export function headerProblem(name: string, value: unknown): string | undefined {
  if (!TOKEN.test(name)) return `${JSON.stringify(name)} is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`;
  if (typeof value !== 'string') return `header "${name}" must be a string, not ${value === null ? 'null' : typeof value}`;
  const problem = headerValueProblem(value);
  return problem && `the value of header "${name}" ${problem}`;
}

/** The first problem in a record of headers, or undefined. `undefined` itself is fine: no headers. */
export function headersProblem(headers: unknown): string | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    return 'must be an object of header names to string values';
  }
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerProblem(name, value);
    if (problem) return problem;
  }
  return undefined;
}
