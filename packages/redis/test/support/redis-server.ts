import { afterAll, beforeAll, describe, it } from 'vitest';
import { findRedisServer, MISSING_REDIS, type RedisServer, type RedisServerOptions, startRedisServer } from './redis-process.js';

/**
 * Declares a test file's Redis tests: `define` gets a getter for the server
 * started for the file. Without redis-server on PATH, the file has one test
 * that says so, which fails when JUNCTION_REQUIRE_REDIS=1 (CI) and passes
 * otherwise; nothing is skipped silently. `options` say how to start it.
 */
export function describeWithRedis(name: string, define: (redis: () => RedisServer) => void, options: RedisServerOptions = {}): void {
  const binary = findRedisServer();
  if (!binary) {
    describe(name, () => {
      it(MISSING_REDIS, () => {
        if (process.env.JUNCTION_REQUIRE_REDIS === '1') {
          throw new Error(`${MISSING_REDIS}. JUNCTION_REQUIRE_REDIS=1 is set, so the Redis tests must run.`);
        }
      });
    });
    return;
  }
  describe(name, () => {
    let server: RedisServer | undefined;
    beforeAll(async () => {
      server = await startRedisServer(binary, options);
    });
    afterAll(async () => {
      await server?.stop();
    });
    define(() => {
      if (!server) throw new Error('redis-server did not start');
      return server;
    });
  });
}
