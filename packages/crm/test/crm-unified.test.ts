import { createMemoryCursorStore, createPoller, isConfigurationError, isInputValidationError } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type CrmChange,
  type CrmChangeFeed,
  type CrmEvent,
  checkInput,
  chunked,
  crmChangesPoll,
  defineCustomFields,
  readCustomValues,
  writeCustomValues,
} from '../src/index.js';

const fields = defineCustomFields({
  contact: {
    externalId: { schema: z.string().min(1), names: { hubspot: 'app_user_id', salesforce: 'App_User_Id__c' } },
    score: { schema: z.number().int(), names: { hubspot: 'app_score' } },
  },
});

describe('unified inputs', () => {
  it('splits a checked input into unified fields, pass-through properties and custom values', () => {
    const input = { email: 'jo@example.com', firstName: 'Jo', properties: { lifecyclestage: 'lead' }, custom: { externalId: 'u_1' } };
    expect(checkInput('contact', input, fields, 'crm.contacts.create')).toEqual({
      fields: { email: 'jo@example.com', firstName: 'Jo' },
      properties: { lifecyclestage: 'lead' },
      custom: { externalId: 'u_1' },
    });
  });

  it('refuses bad input before anything is sent, naming the field', () => {
    const cases: [string, unknown, RegExp][] = [
      ['contact', { email: 'not-an-email' }, /email/],
      ['contact', { emial: 'jo@example.com' }, /emial/],
      ['contact', { custom: { externalId: '' } }, /custom\.externalId/],
      ['contact', { custom: { nickname: 'x' } }, /nickname/],
      ['company', { domain: 'https://example.com/about' }, /domain: should be a bare domain/],
      ['deal', { currency: 'euro' }, /currency: should be an ISO 4217 code/],
    ];
    for (const [type, input, message] of cases) {
      const error = (() => {
        try {
          checkInput(type as 'contact', input, fields, `crm.${type}.create`);
        } catch (e) {
          return e;
        }
      })();
      expect(isInputValidationError(error) && error.message).toMatch(message);
    }
  });
});

describe('custom fields', () => {
  it('reads each provider’s property by its own name, checked by the schema', () => {
    expect(readCustomValues(fields.contact, 'hubspot', { app_user_id: 'u_1', app_score: '7' })).toEqual({ externalId: 'u_1', score: 7 });
    expect(readCustomValues(fields.contact, 'salesforce', { App_User_Id__c: 'u_1', app_score: 7 })).toEqual({ externalId: 'u_1' });
    // A value its schema refuses is left out rather than handed over mistyped.
    expect(readCustomValues(fields.contact, 'hubspot', { app_score: 'seven' })).toEqual({});
  });

  it('writes them under the provider’s names, and says what to add for a field a provider has no name for', () => {
    expect(writeCustomValues(fields.contact, 'salesforce', { externalId: 'u_1' })).toEqual({ App_User_Id__c: 'u_1' });
    const error = (() => {
      try {
        writeCustomValues(fields.contact, 'salesforce', { score: 3 });
      } catch (e) {
        return e;
      }
    })();
    expect(isConfigurationError(error) && error.message).toBe(
      'The custom field "score" has no name for salesforce: add names.salesforce to its declaration.',
    );
  });
});

describe('batch chunks', () => {
  it('keeps each item’s place', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([
      { start: 0, items: [1, 2] },
      { start: 2, items: [3, 4] },
      { start: 4, items: [5] },
    ]);
  });
});

describe('crmChangesPoll', () => {
  // A provider's change feed over a list, paged by a cursor that is the index reached.
  function feed(changes: CrmChange[]): CrmChangeFeed & { calls: (string | undefined)[] } {
    const calls: (string | undefined)[] = [];
    return {
      name: 'fake',
      calls,
      client: { connector: { name: 'fake' } } as unknown as CrmChangeFeed['client'],
      sync: {
        changes: async (_type, options = {}) => {
          calls.push(options.cursor);
          const from = options.cursor === undefined ? 0 : Number(options.cursor);
          const page = changes.slice(from, from + 2);
          return { changes: page, cursor: String(from + page.length), more: from + page.length < changes.length };
        },
      },
    };
  }
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
  const change = (id: string, kind: CrmChange['kind'], minute: number): CrmChange => ({
    kind,
    objectType: 'contact',
    id,
    record: kind === 'deleted' ? null : { id },
    modifiedAt: at(minute),
  });

  it('hands each change over as a unified event, once, and resumes from the stored cursor after a restart', async () => {
    const changes = [change('c1', 'created', 1), change('c2', 'created', 2), change('c1', 'updated', 3)];
    const source = feed(changes);
    const cursors = createMemoryCursorStore();
    const seen: string[] = [];
    const record = (event: { payload: unknown }) => {
      const payload = event.payload as CrmEvent;
      seen.push(`${payload.type} ${payload.objectId}`);
    };
    const first = createPoller(source.client, { poll: crmChangesPoll(source, 'contact'), cursors });
    first.onAny(record);
    await first.pollOnce();
    expect(seen).toEqual(['contact.created c1', 'contact.created c2', 'contact.updated c1']);

    // A new process with the same store: only what changed since.
    changes.push(change('c2', 'deleted', 4));
    const second = createPoller(source.client, { poll: crmChangesPoll(source, 'contact'), cursors });
    second.onAny(record);
    await second.pollOnce();
    expect(seen.slice(3)).toEqual(['contact.deleted c2']);
    expect(source.calls.at(-1)).toBe('3');
  });
});
