import { startLoopbackServer } from '@junction/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearer, createClient, defineConnector, defineOperation } from '../../src/index.js';

const github = defineConnector({
  name: 'github',
  baseUrl: 'https://api.github.com',
  auth: bearer(),
  operations: {
    listIssues: defineOperation({
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues',
      input: z.object({ owner: z.string(), repo: z.string(), per_page: z.number().optional() }),
      output: z.array(z.object({ number: z.number() })),
      paginate: { style: 'link', items: (page) => page },
    }),
  },
});

// Written the way GitHub answers: absolute Link URLs on its own origin.
const issues = http.get('https://api.github.com/repos/octo/hello/issues', ({ request }) => {
  const page = Number(new URL(request.url).searchParams.get('page') ?? 1);
  const next = `https://api.github.com/repos/octo/hello/issues?per_page=2&page=${page + 1}`;
  const last = 'https://api.github.com/repos/octo/hello/issues?per_page=2&page=3';
  return HttpResponse.json([{ number: page * 2 - 1 }, { number: page * 2 }], {
    headers: page < 3 ? { link: `<${next}>; rel="next", <${last}>; rel="last"` } : {},
  });
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('Link pagination against a loopback server with an origin', () => {
  it("follows the provider's absolute Link URLs to the loopback server, with credentials", async () => {
    const api = await startLoopbackServer({ handlers: [issues], origin: 'https://api.github.com' });
    close = api.close;
    const client = createClient(github, { credentials: { token: 'ghp_test' }, baseUrl: api.url });

    const numbers: number[] = [];
    for await (const issue of client.listIssues.items({ owner: 'octo', repo: 'hello', per_page: 2 })) numbers.push(issue.number);

    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
    expect(api.requests.map((r) => r.query)).toEqual(['?per_page=2', '?per_page=2&page=2', '?per_page=2&page=3']);
    expect(api.requests.every((r) => r.headers.authorization === 'Bearer ghp_test')).toBe(true);
  });
});
