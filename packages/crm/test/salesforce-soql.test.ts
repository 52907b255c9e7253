import { isInputValidationError } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { soql, soqlLiteral, soqlString, soqlTemplate } from '../src/salesforce/index.js';
import { parseSoql } from '../src/salesforce/sandbox/index.js';
import { matches, type SoqlExpr } from '../src/salesforce/sandbox/salesforce-sandbox-soql.js';

const HOSTILE = ["' OR Name != '", "\\' OR Name != '\\", 'a\\', "x'\n OR Id != null --", "O'Brien", "\\\\'", "') OR (Name LIKE '%"];

describe('SOQL literals', () => {
  it('quotes strings with backslash and quote escaped, and control characters written as escapes', () => {
    expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
    expect(soqlString('C:\\dir')).toBe("'C:\\\\dir'");
    expect(soqlString('a\nb\tc\r"')).toBe("'a\\nb\\tc\\r\\\"'");
  });

  it('formats numbers, booleans, null, datetimes and dates without quotes', () => {
    expect(soqlLiteral(42)).toBe('42');
    expect(soqlLiteral(-1.5)).toBe('-1.5');
    expect(soqlLiteral(1e21)).toBe('1000000000000000000000');
    expect(soqlLiteral(true)).toBe('true');
    expect(soqlLiteral(null)).toBe('null');
    expect(soqlLiteral(new Date('2026-03-04T05:06:07.890Z'))).toBe('2026-03-04T05:06:07Z');
    expect(soqlLiteral(soql.date('2026-03-04'))).toBe('2026-03-04');
  });

  it('refuses values that have no literal: NaN, Infinity, invalid dates', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, new Date('nope')]) {
      expect(() => soqlLiteral(bad)).toThrow(/Invalid SOQL value/);
    }
    expect(() => soql.date('2026-13-45')).toThrow(/date/);
  });
});

describe('the SOQL builder', () => {
  it('writes SELECT … FROM … WHERE … ORDER BY … LIMIT', () => {
    const q = soql
      .select(['Id', 'Name', 'Account.Name'])
      .from('Contact')
      .where(
        soql.or(
          soql.eq('LastName', 'Doe'),
          soql.and(soql.gt('SystemModstamp', new Date('2026-01-01T00:00:00Z')), soql.in('Id', ['a', 'b'])),
        ),
      )
      .orderBy('SystemModstamp')
      .orderBy('Id', 'DESC')
      .limit(200);
    expect(q.toString()).toBe(
      "SELECT Id, Name, Account.Name FROM Contact WHERE (LastName = 'Doe' OR (SystemModstamp > 2026-01-01T00:00:00Z AND Id IN ('a', 'b'))) ORDER BY SystemModstamp ASC, Id DESC LIMIT 200",
    );
  });

  it('refuses field and object names that are not identifiers, naming what is wrong', () => {
    const attempts = [
      () => soql.select(['Id, Password__c']),
      () => soql.select(['Id']).from('Contact WHERE Id != null'),
      () => soql.eq('Name = Name OR Name', 'x'),
      () => soql.select(['Id']).from('Contact').orderBy('Id; DELETE'),
      () => soql.select([]),
      () => soql.in('Id', []),
      () => soql.select(['Id']).from('Contact').limit(0),
    ];
    for (const attempt of attempts) {
      const error = (() => {
        try {
          attempt();
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(isInputValidationError(error)).toBe(true);
    }
  });

  it('keeps hostile values inside one literal: the parsed query has one condition with the value unchanged', () => {
    for (const value of HOSTILE) {
      const text = soql.select(['Id']).from('Contact').where(soql.eq('Name', value)).toString();
      const parsed = parseSoql(text);
      expect(parsed.where).toEqual({ kind: 'compare', field: 'Name', op: '=', value: { kind: 'string', value } });
      expect(parsed.fields).toEqual(['Id']);
      expect(parsed.object).toBe('Contact');
    }
  });

  it('keeps hostile values inside literals in the tagged template too', () => {
    for (const value of HOSTILE) {
      const text = soqlTemplate`SELECT Id FROM Contact WHERE Name = ${value} AND Email IN ${[value, 'x@example.com']}`;
      const where = parseSoql(text).where as SoqlExpr;
      expect(where).toEqual({
        kind: 'join',
        op: 'AND',
        items: [
          { kind: 'compare', field: 'Name', op: '=', value: { kind: 'string', value } },
          {
            kind: 'in',
            field: 'Email',
            negate: false,
            values: [
              { kind: 'string', value },
              { kind: 'string', value: 'x@example.com' },
            ],
          },
        ],
      });
    }
  });

  it('a hostile value matches only the record that holds exactly it', () => {
    const rows = [{ Name: "' OR Name != '" }, { Name: 'Alice' }, { Name: '' }];
    const where = parseSoql(soql.select(['Id']).from('Contact').where(soql.eq('Name', "' OR Name != '")).toString()).where as SoqlExpr;
    expect(rows.filter((r) => matches(where, (f) => (r as Record<string, unknown>)[f]))).toEqual([rows[0]]);
  });
});
