import { ConfigurationError } from '../errors/configuration-error.js';

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

/** Fills a path template from `values`, percent-encoding each value. */
export function fillPath(template: string, values: Record<string, unknown>): string {
  return template.replace(PARAM, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      throw new ConfigurationError(`Path parameter "${name}" of ${template} is missing: pass it in the input.`);
    }
    return encodeURIComponent(String(value));
  });
}
