import { invalidParam } from './sandbox-error.js';
import type { StripeObject } from './store.js';

type Operator = ':' | '~' | '>' | '<' | '>=' | '<=';

interface Clause {
  negated: boolean;
  field: string;
  metadataKey?: string;
  operator: Operator;
  value: string;
}

const CLAUSE = /^(-)?(?:metadata\[(['"])(.+?)\2\]|([a-z_]+))(:|~|>=|<=|>|<)(?:(['"])(.*?)\6|(-?\d+))$/;

/**
 * A predicate for a subset of Stripe's search query language: clauses
 * `field:'value'` (equals), `field~'value'` (contains), `metadata['key']:'value'`,
 * `amount>1000` and the like, each negatable with `-`, joined by `AND` or by
 * `OR` (not both). Anything else is a 400, as at Stripe.
 */
export function parseSearchQuery(query: string): (object: StripeObject) => boolean {
  const trimmed = query.trim();
  const hasAnd = / AND /.test(trimmed);
  const hasOr = / OR /.test(trimmed);
  if (hasAnd && hasOr) throw invalidParam('query', 'Search queries cannot mix AND and OR.', 'parameter_invalid_string');
  const clauses = trimmed.split(hasOr ? / OR / : / AND /).map(parseClause);
  return hasOr ? (o) => clauses.some((c) => matches(c, o)) : (o) => clauses.every((c) => matches(c, o));
}

function parseClause(text: string): Clause {
  const match = CLAUSE.exec(text.trim());
  if (!match) {
    throw invalidParam(
      'query',
      `Invalid search query: could not read the clause "${text.trim()}". Write clauses like email:'jenny@example.com'.`,
    );
  }
  return {
    negated: match[1] === '-',
    field: match[4] ?? 'metadata',
    ...(match[3] ? { metadataKey: match[3] } : {}),
    operator: match[5] as Operator,
    value: match[7] ?? match[8] ?? '',
  };
}

function matches(clause: Clause, object: StripeObject): boolean {
  const raw = clause.metadataKey ? (object.metadata as Record<string, unknown> | undefined)?.[clause.metadataKey] : object[clause.field];
  const actual = raw === null || raw === undefined ? '' : String(raw);
  let result: boolean;
  switch (clause.operator) {
    case ':':
      result = actual === clause.value;
      break;
    case '~':
      result = actual.toLowerCase().includes(clause.value.toLowerCase());
      break;
    default: {
      const [a, b] = [Number(actual), Number(clause.value)];
      result = clause.operator === '>' ? a > b : clause.operator === '<' ? a < b : clause.operator === '>=' ? a >= b : a <= b;
    }
  }
  return clause.negated ? !result : result;
}
