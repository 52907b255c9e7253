import { InputValidationError } from '../errors/validation-error.js';

/** The parameter names in a path template: `PathParams<'/v1/customers/{id}'>` is `'id'`. */
export type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParams<Rest> : never;

const PARAM = /\{([^}]+)\}/g;

/** A path template split once: literal text and parameter names, alternating (`literals.length === names.length + 1`). */
interface CompiledPath {
  readonly literals: readonly string[];
  readonly names: readonly string[];
}

// Templates are few and fixed (one per operation), and every call of an operation fills one.
const compiled = new Map<string, CompiledPath>();

function compile(template: string): CompiledPath {
  let path = compiled.get(template);
  if (!path) {
    const parts = template.split(PARAM);
    path = { literals: parts.filter((_, i) => i % 2 === 0), names: parts.filter((_, i) => i % 2 === 1) };
    compiled.set(template, path);
  }
  return path;
}

/** The parameter names in a path template, at run time. */
export function pathParamNames(template: string): readonly string[] {
  return compile(template).names;
}

/**
 * Fills a path template from `values`, percent-encoding each value so it
 * stays inside its segment (`/`, `?`, `#`, `%` are encoded). `.` and `..`
 * cannot be encoded away (URLs resolve them, so `..` would climb out of the
 * template), nor can an empty value (it would merge two segments): these are
 * refused before anything is sent. `where` names the call in errors (`stripe.getCustomer`).
 */
export function fillPath(template: string, values: Record<string, unknown>, where = template): string {
  const { literals, names } = compile(template);
  let path = literals[0] as string;
  for (let i = 0; i < names.length; i++) {
    path += segment(template, where, names[i] as string, values[names[i] as string]) + (literals[i + 1] as string);
  }
  return path;
}

function segment(template: string, where: string, name: string, value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  if (text === '') refuse(where, name, 'is missing or empty: pass a non-empty value in the input');
  if (text === '.' || text === '..') {
    refuse(where, name, `is "${text}", which URLs resolve as a relative segment, so the request would leave ${template}`);
  }
  try {
    return encodeURIComponent(text);
  } catch {
    return refuse(where, name, 'is not valid text (it holds a lone surrogate)');
  }
}

function refuse(where: string, name: string, problem: string): never {
  throw new InputValidationError(`Invalid input for ${where}: path parameter "${name}" ${problem}. Nothing was sent.`, {
    issues: [{ path: [name], message: `Path parameter ${problem}` }],
  });
}
