import { InputValidationError } from '../errors/validation-error.js';

/** The parameter names in a path template: `PathParams<'/v1/customers/{id}'>` is `'id'`. */
export type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParams<Rest> : never;

const PARAM = /\{([^}]+)\}/g;
// Templates are few and fixed (one per operation), and every call of an operation asks again.
const paramNames = new Map<string, readonly string[]>();

/** The parameter names in a path template, at run time. */
export function pathParamNames(template: string): readonly string[] {
  let names = paramNames.get(template);
  if (!names) {
    names = [...template.matchAll(PARAM)].map((m) => m[1] as string);
    paramNames.set(template, names);
  }
  return names;
}

/**
 * Fills a path template from `values`, percent-encoding each value so it
 * stays inside its segment (`/`, `?`, `#`, `%` are encoded). `.` and `..`
 * cannot be encoded away (URLs resolve them, so `..` would climb out of the
 * template), nor can an empty value (it would merge two segments): these are
 * refused before anything is sent. `where` names the call in errors (`stripe.getCustomer`).
 */
export function fillPath(template: string, values: Record<string, unknown>, where = template): string {
  return template.replace(PARAM, (_, name: string) => {
    const value = values[name];
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
  });
}

function refuse(where: string, name: string, problem: string): never {
  throw new InputValidationError(`Invalid input for ${where}: path parameter "${name}" ${problem}. Nothing was sent.`, {
    issues: [{ path: [name], message: `Path parameter ${problem}` }],
  });
}
