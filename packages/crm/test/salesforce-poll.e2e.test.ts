import { createMemoryCursorStore, createPoller } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { salesforceChangePoll } from '../src/salesforce/index.js';
import { startSalesforceSandbox } from '../src/salesforce/sandbox/index.js';
import { authorizedClient } from './salesforce-support.js';

describe('polling changes on SystemModstamp', () => {
  it('hands over changes and deletions in order, and resumes from its cursor after a restart', async () => {
    let now = Date.parse('2026-11-01T08:00:00.000Z');
    const sandbox = await startSalesforceSandbox({ instances: 1, now: () => now });
    try {
      const { client } = await authorizedClient(sandbox);
      const poll = salesforceChangePoll({ sobject: 'Contact', fields: ['LastName'], pageSize: 2 });
      const cursors = createMemoryCursorStore();
      const seen: string[] = [];
      const start = () => {
        const poller = createPoller(client, { poll, cursors, onError: () => undefined });
        poller.onAny((e) => {
          const record = (e.payload as { record: { LastName?: string } }).record;
          seen.push(`${e.type}:${record.LastName}`);
        });
        return poller;
      };
      const tick = () => {
        now += 1500; // SystemModstamp moves; several records also share one second
      };

      const a = await client.createRecord({ sobject: 'Contact', LastName: 'A' });
      await client.createRecord({ sobject: 'Contact', LastName: 'B' });
      tick();
      await client.createRecord({ sobject: 'Contact', LastName: 'C' });
      const first = start();
      await first.pollOnce();
      expect(seen).toEqual(['Contact.changed:A', 'Contact.changed:B', 'Contact.changed:C']);

      // The process restarts: a new poller over the same cursor store.
      tick();
      await client.updateRecord({ sobject: 'Contact', id: a.id as string, LastName: 'A2' });
      await client.createRecord({ sobject: 'Contact', LastName: 'D' });
      const second = await start().pollOnce();
      expect(seen.slice(3)).toEqual(['Contact.changed:A2', 'Contact.changed:D']);
      expect(second.events).toHaveLength(2);

      // And again: a deletion arrives as a queryAll row with IsDeleted = true.
      tick();
      await client.deleteRecord({ sobject: 'Contact', id: a.id as string });
      const third = await start().pollOnce();
      expect(seen.slice(5)).toEqual(['Contact.deleted:A2']);
      expect(third.events).toHaveLength(1);

      const idle = await start().pollOnce();
      expect(idle.events).toHaveLength(0);
      expect(seen).toHaveLength(6);
      const queries = sandbox.servers.instances[0]?.requests.filter((r) => r.path.endsWith('/queryAll')) ?? [];
      expect(new URLSearchParams(queries.at(-1)?.query).get('q')).toMatch(
        /^SELECT Id, SystemModstamp, IsDeleted, LastName FROM Contact WHERE \(SystemModstamp > \S+Z OR \(SystemModstamp = \S+Z AND Id > '\w+'\)\) ORDER BY SystemModstamp ASC, Id ASC LIMIT 2$/,
      );
    } finally {
      await sandbox.close();
    }
  });
});
