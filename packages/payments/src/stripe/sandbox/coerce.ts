import type { FormParams, FormValue } from './form.js';
import { invalidParam, missingParam } from './sandbox-error.js';

/** A text parameter, or undefined when absent. */
export function text(params: FormParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(name, `Invalid string: ${name} must be a string.`);
  return value;
}

/** A required text parameter. */
export function requiredText(params: FormParams, name: string): string {
  const value = text(params, name);
  if (value === undefined || value === '') throw missingParam(name);
  return value;
}

/** An integer parameter, or undefined when absent. */
export function integer(params: FormParams, name: string): number | undefined {
  const value = text(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw invalidParam(name, `Invalid integer: ${value}`, 'parameter_invalid_integer');
  return Number(value);
}

/** A boolean parameter (`true` / `false`), or undefined when absent. */
export function bool(params: FormParams, name: string): boolean | undefined {
  const value = text(params, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw invalidParam(name, `Invalid boolean: ${value}`, 'parameter_invalid_boolean');
  return value === 'true';
}

/** A map of strings (metadata); `''` for the whole map means "unset all". */
export function stringMap(params: FormParams, name: string): Record<string, string> | '' | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === '') return '';
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(name, `Invalid hash: ${name} must be a hash.`);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw invalidParam(`${name}[${key}]`, `Invalid string: ${name}[${key}] must be a string.`);
    out[key] = v;
  }
  return out;
}

/** A nested object parameter, or undefined. */
export function object(params: FormParams, name: string): Record<string, FormValue> | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(name, `Invalid hash: ${name} must be a hash.`);
  return value;
}

/** An array parameter of objects or strings, or undefined. */
export function list(params: FormParams, name: string): FormValue[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidParam(name, `Invalid array: ${name} must be an array.`);
  return value;
}

/** The metadata after an update: merged, `''` removes a key, `''` for all clears it. */
export function mergeMetadata(current: Record<string, string>, update: Record<string, string> | '' | undefined): Record<string, string> {
  if (update === undefined) return current;
  if (update === '') return {};
  const next = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}
