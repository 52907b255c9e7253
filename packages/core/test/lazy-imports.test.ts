import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lazyModule } from '../src/internal/lazy-module.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

// Loaded on first use, each through one module: a static import anywhere would put its cost back on every import of core
// (and, for the ESM-only p-retry, break core's CommonJS build, whose bundled require() gets its namespace).
const LAZY: Record<string, string> = {
  'openid-client': 'auth/oauth2/load-openid-client.ts',
  'p-retry': 'retry/retry-middleware.ts',
};

// Optional peers: the user installs them and passes an instance in, so core imports only their types.
const TYPES_ONLY = ['ky'];

/** Every import of `name` in core's source that is not type-only, as `file: statement`. */
function valueImports(name: string): string[] {
  const quoted = `['"]${name.replace('-', '\\-')}['"]`;
  const staticImport = new RegExp(`^\\s*(?:import|export)\\b[^;]*?\\bfrom\\s*${quoted}`, 'gm');
  const dynamicImport = new RegExp(`\\b(?:import|require)\\(\\s*${quoted}\\s*\\)`, 'g');
  const found: string[] = [];
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    const text = readFileSync(path, 'utf8');
    const statements = [...(text.match(staticImport) ?? []), ...(text.match(dynamicImport) ?? [])].map((s) =>
      s.trim().replace(/\s+/g, ' '),
    );
    for (const statement of statements) {
      if (!/^(?:import|export)\s+type\b/.test(statement)) found.push(`${relative(SRC, path)}: ${statement}`);
    }
  }
  return found;
}

/** Every source file the entry `file` loads through value imports (type-only imports are erased). */
function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(join(SRC, file), 'utf8');
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s*['"](\.[^'"]+)\.js['"]/gm)) {
    reachable(relative(SRC, join(SRC, file, '..', `${match[1]}.ts`)), seen);
  }
  return seen;
}

describe('dependencies loaded on first use, not at import', () => {
  it("the root entry never loads zod: the user's schemas bring it, and verifying a webhook never pays for it", () => {
    const zodImporters = valueImports('zod').map((line) => line.split(':')[0]);
    expect(zodImporters).toEqual(['schema/open-enum.ts']);
    expect(reachable('index.ts').has('schema/open-enum.ts')).toBe(false);
    expect(reachable('utils.ts').has('schema/open-enum.ts')).toBe(true);
  });

  it('qs is not a dependency: core encodes forms itself', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifest.dependencies.qs).toBeUndefined();
    expect(valueImports('qs')).toEqual([]);
  });

  it.each(Object.entries(LAZY))('%s is imported as a value only by %s, dynamically', (name, loader) => {
    expect(valueImports(name)).toEqual([`${loader}: import('${name}')`]);
  });

  it.each(TYPES_ONLY)('%s, an optional peer, is never imported as a value', (name) => {
    expect(valueImports(name)).toEqual([]);
  });

  it('ky is an optional peer of core, not a dependency', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifest.dependencies.ky).toBeUndefined();
    expect(manifest.peerDependencies.ky).toBeDefined();
    expect(manifest.peerDependenciesMeta.ky).toEqual({ optional: true });
  });

  it('imports a lazy module once, however many callers wait for it', async () => {
    let imports = 0;
    const lazy = lazyModule(async () => {
      imports++;
      return { answer: 42 };
    });
    expect(lazy.loaded).toBeUndefined();
    const [a, b] = await Promise.all([lazy.load(), lazy.load()]);
    expect(a).toBe(b);
    expect(lazy.loaded).toBe(a);
    expect(imports).toBe(1);
  });
});
