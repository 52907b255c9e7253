import { run } from './run.js';

await run();
console.log('\nDone: authenticate, request, map the response and its failures, react to events. No account, no network.');
