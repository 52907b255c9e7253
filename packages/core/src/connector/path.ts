import { ConfigurationError } from '../errors/configuration-error.js';

/** The parameter names in a path template: `PathParams<'/v1/customers/{id}'>` is `'id'`. */
export type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParams<Rest> : never;

const PARAM = /\{([^}]+)\}/g;

/** The parameter names in a path template, at run time. */
export function pathParamNames(template: string): string[] {
  return [...template.matchAll(PARAM)].map((m) => m[1] as string);
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
