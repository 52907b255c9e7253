import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', inbox: 'src/inbox.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Peers: the user's install provides them, never bundled.
  external: ['@junction/core', 'ioredis', 'bullmq'],
});
