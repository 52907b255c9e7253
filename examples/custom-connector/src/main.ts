import { run } from './run.js';

await run();
console.log('\nDone: a custom connector, end to end, with no account and no network.');
