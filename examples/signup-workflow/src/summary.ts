import { duration, table } from './format.js';
import type { RunResult } from './run.js';

/** The final summary: a table of the steps of both runs, then what the webhooks and the re-run showed. */
export function summary(result: RunResult): string {
  const [first = [], second = []] = result.runs;
  const rows = first.map((step, i) => {
    const again = second[i];
    const reasons = step.retryReasons.length > 0 ? `${step.retryReasons.length}: ${step.retryReasons.join('; ')}` : '-';
    return [
      step.name,
      step.created ? 'created' : 'ok',
      again ? (again.created ? 'CREATED' : 'nothing new') : '-',
      duration(step.durationMs),
      reasons,
      step.rateLimitWaitMs > 0 ? duration(step.rateLimitWaitMs) : '-',
    ];
  });
  const { webhooks } = result;
  const handled = Object.entries(webhooks.handled)
    .map(([provider, n]) => `${provider} ${n}`)
    .join(', ');
  return [
    '',
    'Summary',
    table(['step', 'run 1', 'run 2', 'time (run 1)', 'retries (reasons)', 'rate-limit waits'], rows),
    '',
    `Webhooks: ${handled}; each event handled ${webhooks.maxRuns === 1 ? 'exactly once' : `up to ${webhooks.maxRuns} times`}, ${webhooks.duplicatesDropped} duplicate deliveries dropped, ${webhooks.refused} refused`,
    ...result.reactions.map((line) => `  ${line}`),
    result.secondRunCreatedNothing
      ? 'Run 2: already done: nothing created (same user, same keys, found by lookup)'
      : 'Run 2: CREATED SOMETHING NEW: the flow is not idempotent',
  ].join('\n');
}
