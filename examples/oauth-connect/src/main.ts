import { live } from './live.js';
import { run } from './run.js';

if (process.argv.includes('--live')) await live();
else await run();
