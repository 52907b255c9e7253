import { type DeliveryAnswers, sendDeliveries, signersFor } from './deliveries.js';
import { createReceivers, PROVIDERS, type Provider } from './receivers.js';
import { demoSecrets } from './secrets.js';
import { startExpress } from './servers/express.js';
import { startFastify } from './servers/fastify.js';
import { startHono } from './servers/hono.js';
import { startNextRoutes } from './servers/next-route.js';
import { startNodeHttp } from './servers/node-http.js';
import type { StartServer } from './servers/running-server.js';

/** The frameworks, in the order the demo runs them. */
export const FRAMEWORKS = {
  'node:http': startNodeHttp,
  express: startExpress,
  fastify: startFastify,
  hono: startHono,
  'next-route': startNextRoutes,
} satisfies Record<string, StartServer>;
/** One of {@link FRAMEWORKS}. */
export type Framework = keyof typeof FRAMEWORKS;

/** What one framework × provider pair showed. */
export interface PairResult extends DeliveryAnswers {
  /** How many times a handler ran for the valid event's id: 1 when dedupe held. */
  validRuns: number;
  /** How many times a handler ran for the forged event's id: 0 when verification held. */
  forgedRuns: number;
  /** Every handler run for this provider on this framework. */
  totalRuns: number;
}

/** Results per framework, per provider. */
export type RunResult = Record<Framework, Record<Provider, PairResult>>;

/**
 * Starts each framework in turn on 127.0.0.1 with fresh receivers for all
 * four providers, sends each provider a valid, a duplicate and a forged
 * delivery, and says what was answered and what ran.
 */
export async function run(log: (line: string) => void = console.log): Promise<RunResult> {
  const secrets = demoSecrets();
  const signers = signersFor(secrets);
  const result = {} as RunResult;
  // The adapters report every refused delivery; collect them so the forged ones do not look like crashes.
  const refused: string[] = [];
  const originalError = console.error;
  console.error = (line: unknown) => void refused.push(String(line));
  try {
    for (const [framework, start] of Object.entries(FRAMEWORKS) as [Framework, StartServer][]) {
      const receivers = createReceivers(secrets);
      const server = await start(receivers);
      log(`${framework}: listening on ${server.baseUrl}`);
      try {
        const byProvider = {} as Record<Provider, PairResult>;
        for (const provider of PROVIDERS) {
          const answers = await sendDeliveries(server.baseUrl, provider, signers[provider]);
          const ran = receivers.handled[provider];
          const runs = (id: string) => ran.filter((handled) => handled === id).length;
          byProvider[provider] = {
            ...answers,
            validRuns: runs(answers.valid.eventId),
            forgedRuns: runs(answers.forged.eventId),
            totalRuns: ran.length,
          };
        }
        result[framework] = byProvider;
      } finally {
        await server.close();
      }
    }
  } finally {
    console.error = originalError;
  }
  log(`${refused.length} forged deliveries refused and reported to onError (default: console.error).`);
  return result;
}
