import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url));

interface Edge {
  /** The importing file, relative to its package's src/. */
  from: string;
  /** The folder (first segment under src/) or package it imports. */
  to: string;
  /** The imported file, relative to src/ (for a relative import). */
  path?: string;
}

/** Every import and re-export in a package's src/, types included: a type cycle is a cycle for whoever reads the code. */
function edges(pkg: string): Edge[] {
  const src = join(PACKAGES, pkg, 'src');
  const out: Edge[] = [];
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = relative(src, join(entry.parentPath, entry.name));
    for (const [, target] of readFileSync(join(src, file), 'utf8').matchAll(/\bfrom\s+'([^']+)'/g)) {
      const spec = target as string;
      if (!spec.startsWith('.')) out.push({ from: file, to: spec });
      else {
        const path = normalize(join(dirname(file), spec));
        out.push({ from: file, to: path.split('/')[0] as string, path });
      }
    }
  }
  return out;
}

// The category packages, each a unified interface with one flat folder per provider.
const CATEGORIES = ['payments', 'email', 'crm'];

const folder = (file: string) => (file.includes('/') ? (file.split('/')[0] as string) : '(entry)');

describe('dependencies point one way', () => {
  it('in core, only the client, polling (built on the client) and the entries import client/', () => {
    const wrong = edges('core').filter((e) => e.to === 'client' && !['client', 'polling', '(entry)'].includes(folder(e.from)));
    expect(wrong).toEqual([]);
  });

  it('core holds no provider file: presets live with their category packages', () => {
    // Stripe's is in payments, SendGrid's in email, HubSpot's in crm; none may come back.
    const src = join(PACKAGES, 'core', 'src');
    const named = readdirSync(src, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /stripe|hubspot|sendgrid|resend|salesforce/i.test(entry.name))
      .map((entry) => relative(src, join(entry.parentPath, entry.name)))
      .sort();
    expect(named).toEqual([]);
  });

  it('core names no other Junction package and no provider SDK', () => {
    const wrong = edges('core').filter((e) => /^(?:@junction\/|stripe$|@hubspot\/|@sendgrid\/|resend$|jsforce$)/.test(e.to));
    expect(wrong).toEqual([]);
  });

  it.each([...CATEGORIES, 'testing'])('%s reaches core only through its published entries', (pkg) => {
    const wrong = edges(pkg).filter((e) => e.to.startsWith('@junction/core') && !['@junction/core', '@junction/core/utils'].includes(e.to));
    expect(wrong).toEqual([]);
  });

  it.each(CATEGORIES)(
    "in %s, a provider's connector files never import its unified adapter or the category's unified models",
    (category) => {
      // The template names the adapter <provider>-<category>*.ts: stripe/stripe-payments.ts, resend/resend-email.ts.
      const isAdapter = (file: string) => new RegExp(`^([^/]+)/\\1-${category}(?:-[\\w-]+)?\\.[jt]s$`).test(file);
      const isEntry = (file: string) => !file.includes('/') || /^[^/]+\/index\.ts$/.test(file);
      const wrong = edges(category).filter(
        // A provider's own files: under its folder, outside the category's unified/.
        (e) =>
          e.path && folder(e.from) !== 'unified' && !isAdapter(e.from) && !isEntry(e.from) && (isAdapter(e.path) || e.to === 'unified'),
      );
      expect(wrong).toEqual([]);
    },
  );

  it('the adapter imports the connector (the rule above can fire)', () => {
    const isAdapter = (file: string) => /^([^/]+)\/\1-payments(?:-[\w-]+)?\.[jt]s$/.test(file);
    expect(edges('payments').some((e) => isAdapter(e.from) && e.path === 'stripe/stripe-connector.js')).toBe(true);
  });

  it.each(CATEGORIES)(
    'in %s, a provider is one flat folder of <provider>-*.ts files (and its sandbox/), and no two files share a name',
    (category) => {
      const src = join(PACKAGES, category, 'src');
      const files = readdirSync(src, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(src, join(entry.parentPath, entry.name)));
      const misplaced = files.filter((file) => {
        const [provider, name, ...deeper] = file.split('/');
        if (provider === 'unified' || name === undefined) return false;
        if (name === 'sandbox') return deeper.length !== 1;
        return deeper.length > 0 || !(name === 'index.ts' || name.startsWith(`${provider}-`));
      });
      expect(misplaced).toEqual([]);
      const names = files.map((file) => file.split('/').at(-1)).filter((name) => name !== 'index.ts');
      expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    },
  );

  it.each(CATEGORIES)('%s depends on no other category, nor on the testing kit outside its sandboxes', (category) => {
    const wrong = edges(category).filter(
      (e) =>
        e.to.startsWith('@junction/') &&
        !e.to.startsWith('@junction/core') &&
        !(e.to === '@junction/testing' && e.from.includes('sandbox')),
    );
    expect(wrong).toEqual([]);
  });

  it('in core, only the telemetry entry reaches OpenTelemetry (an optional peer the main entry never loads)', () => {
    const all = edges('core');
    const otel = all.filter((e) => e.to.startsWith('@opentelemetry/')).map((e) => e.from);
    expect(otel.length).toBeGreaterThan(0);
    expect(otel.filter((file) => !file.startsWith('telemetry/otel-'))).toEqual([]);
    const intoOtel = all.filter(
      (e) => e.path?.startsWith('telemetry/otel-') && !e.from.startsWith('telemetry/otel-') && e.from !== 'telemetry.ts',
    );
    expect(intoOtel).toEqual([]);
  });

  it('in redis, only the inbox imports bullmq, and the stores never import the inbox (so they load without bullmq)', () => {
    const all = edges('redis');
    const bullmq = all.filter((e) => e.to === 'bullmq').map((e) => e.from);
    expect(bullmq.length).toBeGreaterThan(0);
    expect(bullmq.filter((file) => folder(file) !== 'inbox')).toEqual([]);
    const intoInbox = all.filter((e) => (e.to === 'inbox' || e.path === 'inbox.js') && folder(e.from) !== 'inbox' && e.from !== 'inbox.ts');
    expect(intoInbox).toEqual([]);
  });
});
