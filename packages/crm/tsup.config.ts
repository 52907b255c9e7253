import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    hubspot: 'src/hubspot/index.ts',
    'hubspot-sandbox': 'src/hubspot/sandbox/index.ts',
    salesforce: 'src/salesforce/index.ts',
    'salesforce-sandbox': 'src/salesforce/sandbox/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Optional peers of the sandbox subpaths: imported by the user's install, never bundled.
  external: ['@junction/testing', 'msw'],
});
