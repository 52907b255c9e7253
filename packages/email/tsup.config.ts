import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    resend: 'src/resend/index.ts',
    'resend-sandbox': 'src/resend/sandbox/index.ts',
    sendgrid: 'src/sendgrid/index.ts',
    'sendgrid-sandbox': 'src/sendgrid/sandbox/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Optional peers of the sandbox subpaths: imported by the user's install, never bundled.
  external: ['@junction/testing', 'msw'],
});
