import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', stripe: 'src/stripe/index.ts', 'stripe-sandbox': 'src/stripe/sandbox/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Optional peers of the sandbox subpath: imported by the user's install, never bundled (tsup keeps peers external; said here so it stays so).
  external: ['@junction/testing', 'msw'],
});
