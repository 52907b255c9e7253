// The public entry points of every package, read from its package.json "exports": each subpath
// ("@junction/core/telemetry") with the source file its "@junction/source" condition points at.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../packages');

/** @returns {{ name: string, file: string }[]} */
export function entryPoints() {
  const found = [];
  for (const dir of readdirSync(packagesDir).sort()) {
    const pkg = JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const source = typeof target === 'object' ? target['@junction/source'] : undefined;
      if (!source) continue; // ./package.json and the like
      found.push({ name: pkg.name + subpath.slice(1), file: join(packagesDir, dir, source) });
    }
  }
  return found;
}
