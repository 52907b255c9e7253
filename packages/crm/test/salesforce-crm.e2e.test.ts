import { afterAll } from 'vitest';
import { salesforceCrm } from '../src/salesforce/index.js';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../src/salesforce/sandbox/index.js';
import { authorizedClient } from './salesforce-support.js';
import { describeCrmProvider, SUITE_FIELDS } from './support/crm-provider-suite.js';

let sandbox: RunningSalesforceSandbox | undefined;
afterAll(() => sandbox?.close());

describeCrmProvider('Salesforce', async () => {
  // One clock for the org and the adapter, so the change feed's lag can be passed without waiting.
  let offset = 0;
  const now = () => Date.now() + offset;
  sandbox = await startSalesforceSandbox({ now });
  const running = sandbox;
  let collections = 0;
  const counting: typeof fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/composite/sobjects')) collections += 1;
    return fetch(input, init);
  };
  const { client } = await authorizedClient(running, { fetch: counting });
  return {
    crm: salesforceCrm(client, { customFields: SUITE_FIELDS, sync: { now } }),
    batchSize: 200,
    batchCalls: () => collections,
    // Records only: the session stays, as an org's data is what each test starts afresh.
    reset: () => running.records.reset(),
    settle: () => {
      offset += 3000;
    },
  };
});
