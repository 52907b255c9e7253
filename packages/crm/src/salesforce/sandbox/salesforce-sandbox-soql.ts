/**
 * The SOQL the sandbox understands: exactly what the connector's builder
 * writes (SELECT fields FROM object [WHERE …] [ORDER BY …] [LIMIT n]
 * [OFFSET n], comparisons, LIKE, IN / NOT IN, AND / OR in parentheses).
 * Anything else is a MALFORMED_QUERY, as a real org would answer most of it.
 */

/** A literal value read from a query. */
export type SoqlLiteralValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: number }
  | { kind: 'date'; value: string };

/** A parsed condition. */
export type SoqlExpr =
  | { kind: 'compare'; field: string; op: string; value: SoqlLiteralValue }
  | { kind: 'in'; field: string; negate: boolean; values: SoqlLiteralValue[] }
  | { kind: 'join'; op: 'AND' | 'OR'; items: SoqlExpr[] };

/** A parsed query. */
export interface ParsedSoql {
  fields: string[];
  object: string;
  where?: SoqlExpr;
  order: { field: string; direction: 'ASC' | 'DESC' }[];
  limit?: number;
  offset?: number;
}

/** The query could not be read: answered as `MALFORMED_QUERY`. */
export class SoqlSyntaxError extends Error {}

type Token = { t: 'ident' | 'string' | 'number' | 'datetime' | 'date' | 'op' | 'punct'; v: string };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^-?\d+(?:\.\d+)?/;
const IDENT = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new SoqlSyntaxError('unterminated string literal');
        const ch = text.charAt(i);
        if (ch === "'") break;
        if (ch === '\\') {
          const next = text.charAt(i + 1);
          const mapped = ESCAPES[next];
          if (mapped === undefined) throw new SoqlSyntaxError(`invalid escape sequence \\${next}`);
          value += mapped;
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
      i++;
      out.push({ t: 'string', v: value });
      continue;
    }
    const match = DATETIME.exec(rest) ?? null;
    if (match) {
      out.push({ t: 'datetime', v: match[0] });
      i += match[0].length;
      continue;
    }
    const date = DATE.exec(rest);
    if (date) {
      out.push({ t: 'date', v: date[0] });
      i += date[0].length;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      out.push({ t: 'number', v: num[0] });
      i += num[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      out.push({ t: 'ident', v: ident[0] });
      i += ident[0].length;
      continue;
    }
    const op = /^(<=|>=|!=|=|<|>)/.exec(rest);
    if (op) {
      out.push({ t: 'op', v: op[0] });
      i += op[0].length;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: 'punct', v: c });
      i++;
      continue;
    }
    throw new SoqlSyntaxError(`unexpected character ${JSON.stringify(c)}`);
  }
  return out;
}

const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'ORDER', 'BY', 'ASC', 'DESC', 'LIMIT', 'OFFSET']);

/** Parses the builder's SOQL; throws {@link SoqlSyntaxError} otherwise. */
export function parseSoql(text: string): ParsedSoql {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const isKeyword = (word: string) => peek()?.t === 'ident' && peek()?.v.toUpperCase() === word;
  const keyword = (word: string) => {
    if (!isKeyword(word)) throw new SoqlSyntaxError(`expecting ${word} at ${describe(peek())}`);
    at++;
  };
  const identifier = (): string => {
    const token = peek();
    if (token?.t !== 'ident' || KEYWORDS.has(token.v.toUpperCase())) throw new SoqlSyntaxError(`expecting a name at ${describe(token)}`);
    at++;
    return token.v;
  };
  const punct = (p: string) => {
    if (peek()?.t !== 'punct' || peek()?.v !== p) throw new SoqlSyntaxError(`expecting "${p}" at ${describe(peek())}`);
    at++;
  };
  const literal = (): SoqlLiteralValue => {
    const token = peek();
    if (!token) throw new SoqlSyntaxError('expecting a value at the end');
    at++;
    switch (token.t) {
      case 'string':
        return { kind: 'string', value: token.v };
      case 'number':
        return { kind: 'number', value: Number(token.v) };
      case 'datetime':
        return { kind: 'datetime', value: Date.parse(token.v) };
      case 'date':
        return { kind: 'date', value: token.v };
      case 'ident': {
        const word = token.v.toLowerCase();
        if (word === 'null') return { kind: 'null' };
        if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
        break;
      }
    }
    throw new SoqlSyntaxError(`expecting a value at ${describe(token)}`);
  };
  const condition = (): SoqlExpr => {
    if (peek()?.t === 'punct' && peek()?.v === '(') {
      at++;
      const inner = expression();
      punct(')');
      return inner;
    }
    const field = identifier();
    if (isKeyword('NOT') || isKeyword('IN')) {
      const negate = isKeyword('NOT');
      if (negate) at++;
      keyword('IN');
      punct('(');
      const values = [literal()];
      while (peek()?.t === 'punct' && peek()?.v === ',') {
        at++;
        values.push(literal());
      }
      punct(')');
      return { kind: 'in', field, negate, values };
    }
    if (isKeyword('LIKE')) {
      at++;
      return { kind: 'compare', field, op: 'LIKE', value: literal() };
    }
    const op = peek();
    if (op?.t !== 'op') throw new SoqlSyntaxError(`expecting an operator at ${describe(op)}`);
    at++;
    return { kind: 'compare', field, op: op.v, value: literal() };
  };
  const expression = (): SoqlExpr => {
    const first = condition();
    const joiner = isKeyword('AND') ? 'AND' : isKeyword('OR') ? 'OR' : undefined;
    if (!joiner) return first;
    const items = [first];
    while (isKeyword(joiner)) {
      at++;
      items.push(condition());
    }
    // SOQL wants parentheses where AND and OR meet.
    if (isKeyword('AND') || isKeyword('OR')) throw new SoqlSyntaxError('AND and OR mixed without parentheses');
    return { kind: 'join', op: joiner, items };
  };

  keyword('SELECT');
  const fields = [identifier()];
  while (peek()?.t === 'punct' && peek()?.v === ',') {
    at++;
    fields.push(identifier());
  }
  keyword('FROM');
  const object = identifier();
  const query: ParsedSoql = { fields, object, order: [] };
  if (isKeyword('WHERE')) {
    at++;
    query.where = expression();
  }
  if (isKeyword('ORDER')) {
    at++;
    keyword('BY');
    do {
      if (query.order.length > 0) at++;
      const field = identifier();
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (isKeyword('ASC') || isKeyword('DESC')) {
        direction = (peek()?.v.toUpperCase() as 'ASC' | 'DESC') ?? 'ASC';
        at++;
      }
      query.order.push({ field, direction });
    } while (peek()?.t === 'punct' && peek()?.v === ',');
  }
  if (isKeyword('LIMIT')) {
    at++;
    query.limit = integer(literal());
  }
  if (isKeyword('OFFSET')) {
    at++;
    query.offset = integer(literal());
  }
  if (at !== tokens.length) throw new SoqlSyntaxError(`unexpected token ${describe(peek())}`);
  return query;
}

function integer(value: SoqlLiteralValue): number {
  if (value.kind !== 'number' || !Number.isInteger(value.value) || value.value < 0) throw new SoqlSyntaxError('expecting a whole number');
  return value.value;
}

function describe(token: Token | undefined): string {
  return token ? `'${token.v}'` : 'the end';
}

/** A stored field value. */
type Stored = unknown;

// Salesforce writes datetimes as 2026-01-31T12:00:00.000+0000.
function timeOf(value: Stored): number | undefined {
  // Only ISO datetimes: Date.parse reads too much else ("Smith 2" is a date to it).
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time) ? undefined : time;
}

// Ids (`Id`, `AccountId`) compare case-sensitively, as ORDER BY sorts them; other text ignores case, as Salesforce's does.
const isIdField = (field: string) => /^([A-Za-z]+)?Id$/.test(field);

function compareTo(field: string, stored: Stored, literal: SoqlLiteralValue): number | undefined {
  switch (literal.kind) {
    case 'null':
      return stored === null || stored === undefined ? 0 : undefined;
    case 'string':
      if (typeof stored !== 'string') return undefined;
      if (isIdField(field)) return stored < literal.value ? -1 : stored > literal.value ? 1 : 0;
      return stored.toLowerCase().localeCompare(literal.value.toLowerCase());
    case 'number':
      return typeof stored === 'number' ? stored - literal.value : undefined;
    case 'boolean':
      return typeof stored === 'boolean' ? Number(stored) - Number(literal.value) : undefined;
    case 'datetime': {
      const time = timeOf(stored);
      return time === undefined ? undefined : time - literal.value;
    }
    case 'date':
      return typeof stored === 'string' ? stored.slice(0, 10).localeCompare(literal.value) : undefined;
  }
}

function likeRegex(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replaceAll('%', '.*')
    .replaceAll('_', '.');
  return new RegExp(`^${body}$`, 'is');
}

/** True when `record` satisfies `expr`; `get` reads a field case-insensitively. */
export function matches(expr: SoqlExpr, get: (field: string) => Stored): boolean {
  switch (expr.kind) {
    case 'join':
      return expr.op === 'AND' ? expr.items.every((e) => matches(e, get)) : expr.items.some((e) => matches(e, get));
    case 'in': {
      const found = expr.values.some((v) => compareTo(expr.field, get(expr.field), v) === 0);
      return expr.negate ? !found : found;
    }
    case 'compare': {
      const stored = get(expr.field);
      if (expr.op === 'LIKE') return expr.value.kind === 'string' && typeof stored === 'string' && likeRegex(expr.value.value).test(stored);
      if (expr.value.kind === 'null') {
        const isNull = stored === null || stored === undefined;
        return expr.op === '=' ? isNull : expr.op === '!=' ? !isNull : false;
      }
      const c = compareTo(expr.field, stored, expr.value);
      if (c === undefined) return expr.op === '!=';
      switch (expr.op) {
        case '=':
          return c === 0;
        case '!=':
          return c !== 0;
        case '<':
          return c < 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        case '>=':
          return c >= 0;
      }
      return false;
    }
  }
}

/** Every field a condition reads. */
export function fieldsOf(expr: SoqlExpr | undefined): string[] {
  if (!expr) return [];
  return expr.kind === 'join' ? expr.items.flatMap(fieldsOf) : [expr.field];
}

/** Orders records as ORDER BY does (nulls first ascending, as SOQL's default). */
export function compareRecords(order: ParsedSoql['order'], get: (record: unknown, field: string) => Stored) {
  return (a: unknown, b: unknown): number => {
    for (const { field, direction } of order) {
      const x = get(a, field);
      const y = get(b, field);
      const c = orderOf(x, y);
      if (c !== 0) return direction === 'ASC' ? c : -c;
    }
    return 0;
  };
}

function orderOf(x: Stored, y: Stored): number {
  if (x === y) return 0;
  if (x === null || x === undefined) return -1;
  if (y === null || y === undefined) return 1;
  const tx = timeOf(x);
  const ty = timeOf(y);
  if (tx !== undefined && ty !== undefined) return tx - ty;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const sx = String(x);
  const sy = String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}
