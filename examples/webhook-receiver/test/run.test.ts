import { expect, it } from 'vitest';
import { PROVIDERS } from '../src/receivers.js';
import { FRAMEWORKS, type Framework, run } from '../src/run.js';
import { demoSecrets } from '../src/secrets.js';

it('receives every provider in every framework: each event once, the duplicate dropped, the forgery refused', async () => {
  const lines: string[] = [];
  const result = await run((line) => lines.push(line));

  for (const framework of Object.keys(FRAMEWORKS) as Framework[]) {
    for (const provider of PROVIDERS) {
      const r = result[framework][provider];
      const where = `${framework} × ${provider}`;
      expect(r.valid, where).toMatchObject({ status: 200, body: { handled: 1, duplicates: 0 } });
      expect(r.validRuns, where).toBe(1);
      expect(r.duplicate, where).toMatchObject({ status: 200, body: { handled: 0, duplicates: 1 } });
      expect(r.forged, where).toMatchObject({ status: 400, body: { error: { reason: 'no_matching_signature' } } });
      expect(r.forgedRuns, where).toBe(0);
      expect(r.totalRuns, where).toBe(1);
    }
  }

  // No secret in the output (the demo's fixed ones; SendGrid's key pair is fresh each run).
  const output = lines.join('\n');
  const secrets = demoSecrets();
  for (const secret of [secrets.stripe, secrets.hubspot, secrets.resend]) expect(output).not.toContain(secret);
});
