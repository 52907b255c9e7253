import { expect, it } from 'vitest';
import { runDemo } from '../src/demo.js';

it.each(['hubspot', 'salesforce'] as const)(
  'the walkthrough on %s: two runs change things, then the sync settles to zero writes',
  async (provider) => {
    const lines: string[] = [];
    const results = await runDemo(provider, (line) => lines.push(line));
    expect(results.map((r) => r.writes)).toEqual([
      { crm: 3, product: 0 },
      { crm: 3, product: 3 },
      { crm: 0, product: 0 },
      { crm: 0, product: 0 },
    ]);
    const text = lines.join('\n');
    expect(text).toContain('phone: "+1 555 0101" → "+1 555 0199"  [conflict: the CRM changed it later]');
    expect(text).toContain('email: "alan@crm.example" → "alan@example.com"  [product-owned: the CRM edit is undone]');
    expect(text).not.toContain('file CHANGED');
  },
);
