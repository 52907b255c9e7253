import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Resolve workspace packages to their TypeScript source, so tests need no build.
// No "import" here: Vitest hands these to Node as --conditions, and a CommonJS
// require() of a package listing "import" first would then load its ESM build.
// Nor "module": it names bundler-only builds (OpenTelemetry's imports files
// without extensions), which Node cannot load.
const conditions = ['@junction/source', 'node', 'default'];
const packages = readdirSync('packages', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@junction/source'] } },
  test: {
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: {
          name,
          root: `packages/${name}`,
          include: ['test/**/*.test.ts'],
          typecheck: { enabled: false, include: ['test/**/*.test-d.ts'], tsconfig: 'tsconfig.json' },
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      })),
      {
        extends: true as const,
        test: { name: 'examples', root: 'examples', include: ['*/test/**/*.test.ts'], testTimeout: 30_000 },
      },
    ],
  },
});
