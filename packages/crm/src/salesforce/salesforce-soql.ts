import { InputValidationError } from '@junction/core';

/**
 * A SOQL builder. Values always become literals (strings quoted and escaped,
 * dates, numbers, booleans, null formatted), and field and object names are
 * checked as identifiers, so no value can change the shape of a query.
 * Queries are never built by concatenating text.
 */

/** A date without a time (`2026-01-31`), written unquoted as SOQL wants. */
export class SoqlDate {
  /** @param value `YYYY-MM-DD`. */
  constructor(readonly value: string) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      throw soqlError('date', 'must be a date written YYYY-MM-DD');
    }
  }
}

/** A value SOQL can compare with: text, a number, a boolean, null, a `Date` (a datetime) or a {@link SoqlDate}. */
export type SoqlValue = string | number | boolean | null | Date | SoqlDate;

/** The comparison operators the builder writes. */
export type SoqlOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

/** A condition: a comparison, an `IN` list, or conditions joined by AND / OR. */
export type SoqlCondition =
  | { readonly kind: 'compare'; readonly field: string; readonly op: SoqlOperator; readonly value: SoqlValue }
  | { readonly kind: 'in'; readonly field: string; readonly negate: boolean; readonly values: readonly SoqlValue[] }
  | { readonly kind: 'join'; readonly op: 'AND' | 'OR'; readonly conditions: readonly SoqlCondition[] };

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** The largest LIMIT written: SOQL takes an integer; REST pages large results through `nextRecordsUrl` anyway. */
const MAX_LIMIT = 2_000_000_000;

function soqlError(field: string, problem: string): InputValidationError {
  return new InputValidationError(`Invalid SOQL ${field}: it ${problem}. Nothing was sent.`, {
    issues: [{ path: [field], message: `It ${problem}` }],
  });
}

/** Checks a field name (`Name`, `Account.Name`, `Custom__c`) and returns it. */
export function soqlField(name: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name))
    throw soqlError('field', 'is not a field name (letters, digits, "_", dotted for relationships)');
  return name;
}

/** Checks an object name (`Contact`, `Custom__c`) and returns it. */
export function soqlObject(name: string): string {
  if (typeof name !== 'string' || !OBJECT_NAME.test(name)) throw soqlError('object', 'is not an object name (letters, digits, "_")');
  return name;
}

/** Quotes text as a SOQL string literal: `\` and `'` escaped, and the control characters SOQL has escapes for. */
export function soqlString(text: string): string {
  let out = "'";
  for (const c of text) {
    switch (c) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      default:
        out += c;
    }
  }
  return `${out}'`;
}

/** A datetime literal, in UTC to the second (`2026-01-31T12:00:00Z`), the form SOQL documents. */
export function soqlDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw soqlError('value', 'is an invalid Date');
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Writes any {@link SoqlValue} as a SOQL literal. */
export function soqlLiteral(value: SoqlValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return soqlString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw soqlError('value', 'is not a finite number');
    const text = String(value);
    if (!/e/i.test(text)) return text;
    // Never exponent notation, which SOQL does not read.
    return Number.isInteger(value) ? BigInt(value).toString() : value.toFixed(20).replace(/\.?0+$/, '');
  }
  if (value instanceof Date) return soqlDateTime(value);
  if (value instanceof SoqlDate) return value.value;
  throw soqlError('value', 'is not text, a number, a boolean, null, a Date or a SoqlDate');
}

function compare(op: SoqlOperator) {
  return (field: string, value: SoqlValue): SoqlCondition => ({ kind: 'compare', field: soqlField(field), op, value });
}

/** `field = value`. */
export const eq = compare('=');
/** `field != value`. */
export const ne = compare('!=');
/** `field < value`. */
export const lt = compare('<');
/** `field <= value`. */
export const lte = compare('<=');
/** `field > value`. */
export const gt = compare('>');
/** `field >= value`. */
export const gte = compare('>=');
/** `field LIKE pattern`: `%` and `_` in `pattern` are wildcards; the pattern is still a quoted, escaped literal. */
export const like = compare('LIKE');

/** `field IN (values…)`. An empty list is refused: SOQL has no empty IN. */
export function isIn(field: string, values: readonly SoqlValue[]): SoqlCondition {
  if (values.length === 0) throw soqlError('values', 'is an empty list (SOQL cannot write IN ())');
  return { kind: 'in', field: soqlField(field), negate: false, values: [...values] };
}

/** `field NOT IN (values…)`. */
export function notIn(field: string, values: readonly SoqlValue[]): SoqlCondition {
  if (values.length === 0) throw soqlError('values', 'is an empty list (SOQL cannot write NOT IN ())');
  return { kind: 'in', field: soqlField(field), negate: true, values: [...values] };
}

/** Every condition holds. */
export function and(...conditions: SoqlCondition[]): SoqlCondition {
  return { kind: 'join', op: 'AND', conditions };
}

/** At least one condition holds. */
export function or(...conditions: SoqlCondition[]): SoqlCondition {
  return { kind: 'join', op: 'OR', conditions };
}

/** Writes a condition; joins are parenthesized so AND and OR never mix without brackets. */
export function conditionText(condition: SoqlCondition): string {
  switch (condition.kind) {
    case 'compare':
      return `${condition.field} ${condition.op} ${soqlLiteral(condition.value)}`;
    case 'in':
      return `${condition.field} ${condition.negate ? 'NOT IN' : 'IN'} (${condition.values.map(soqlLiteral).join(', ')})`;
    case 'join': {
      if (condition.conditions.length === 0) throw soqlError('where', `has an empty ${condition.op}`);
      if (condition.conditions.length === 1) return conditionText(condition.conditions[0] as SoqlCondition);
      return `(${condition.conditions.map(conditionText).join(` ${condition.op} `)})`;
    }
  }
}

/** One ORDER BY entry. */
export interface SoqlOrder {
  field: string;
  direction: 'ASC' | 'DESC';
}

/** A query under construction; every method returns a new builder. `toString()` writes the SOQL. */
export class SoqlQuery {
  constructor(
    private readonly parts: {
      fields: readonly string[];
      object?: string;
      where?: SoqlCondition;
      order: readonly SoqlOrder[];
      limit?: number;
      offset?: number;
    },
  ) {}

  /** The object to query. */
  from(object: string): SoqlQuery {
    return new SoqlQuery({ ...this.parts, object: soqlObject(object) });
  }

  /** The filter; a second call ANDs with the first. */
  where(condition: SoqlCondition): SoqlQuery {
    return new SoqlQuery({ ...this.parts, where: this.parts.where ? and(this.parts.where, condition) : condition });
  }

  /** Adds an ORDER BY field (ascending by default). */
  orderBy(field: string, direction: 'ASC' | 'DESC' = 'ASC'): SoqlQuery {
    if (direction !== 'ASC' && direction !== 'DESC') throw soqlError('direction', 'must be ASC or DESC');
    return new SoqlQuery({ ...this.parts, order: [...this.parts.order, { field: soqlField(field), direction }] });
  }

  /** At most `n` rows. */
  limit(n: number): SoqlQuery {
    if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw soqlError('limit', 'must be a positive integer');
    return new SoqlQuery({ ...this.parts, limit: n });
  }

  /** Skips `n` rows (SOQL allows up to 2,000). */
  offset(n: number): SoqlQuery {
    if (!Number.isInteger(n) || n < 0 || n > 2000) throw soqlError('offset', 'must be an integer from 0 to 2000');
    return new SoqlQuery({ ...this.parts, offset: n });
  }

  /** The SOQL text. */
  toString(): string {
    const { fields, object, where, order, limit, offset } = this.parts;
    if (!object) throw soqlError('object', 'is missing: call .from(object)');
    let text = `SELECT ${fields.join(', ')} FROM ${object}`;
    if (where) text += ` WHERE ${conditionText(where)}`;
    if (order.length > 0) text += ` ORDER BY ${order.map((o) => `${o.field} ${o.direction}`).join(', ')}`;
    if (limit !== undefined) text += ` LIMIT ${limit}`;
    if (offset !== undefined) text += ` OFFSET ${offset}`;
    return text;
  }
}

/** A checked identifier for the tagged template: `soql\`SELECT Id FROM ${soqlIdentifier(obj)}\``. */
export class SoqlIdentifier {
  readonly name: string;
  constructor(name: string) {
    this.name = soqlField(name);
  }
}

/** Marks `name` as a field or object name for the tagged template (checked as an identifier). */
export function soqlIdentifier(name: string): SoqlIdentifier {
  return new SoqlIdentifier(name);
}

/**
 * The tagged template: the template's own text is the query, and every
 * interpolated value is a literal (or a checked {@link soqlIdentifier}, or
 * an array written as an IN list), never raw text.
 *
 * @example soqlTemplate`SELECT Id FROM Contact WHERE Email = ${email} AND CreatedDate > ${since}`
 */
export function soqlTemplate(strings: TemplateStringsArray, ...values: (SoqlValue | SoqlIdentifier | readonly SoqlValue[])[]): string {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    if (value instanceof SoqlIdentifier) text += value.name;
    else if (Array.isArray(value)) {
      if (value.length === 0) throw soqlError('values', 'is an empty list (SOQL cannot write IN ())');
      text += `(${value.map(soqlLiteral).join(', ')})`;
    } else text += soqlLiteral(value as SoqlValue);
    text += strings[i + 1] ?? '';
  });
  return text;
}

/** The builder's entry point: `soql.select(['Id', 'Name']).from('Contact').where(soql.eq('LastName', name)).limit(10)`. */
export const soql = {
  select(fields: readonly string[]): SoqlQuery {
    if (fields.length === 0) throw soqlError('fields', 'is empty: select at least one field');
    return new SoqlQuery({ fields: fields.map(soqlField), order: [] });
  },
  eq,
  ne,
  lt,
  lte,
  gt,
  gte,
  like,
  in: isIn,
  notIn,
  and,
  or,
  date: (value: string) => new SoqlDate(value),
  identifier: soqlIdentifier,
  template: soqlTemplate,
  literal: soqlLiteral,
} as const;
