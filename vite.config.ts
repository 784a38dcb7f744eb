import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const serverDomain = fileURLToPath(new URL('./server/domain', import.meta.url));

// One config for the client build (root: client/, output: dist/client) and for Vitest (the whole tree).
export default defineConfig({
  root: 'client',
  plugins: [vue()],
  resolve: { alias: { '@domain': serverDomain } },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev`: the client with hot reload, the API from `npx diaban serve` on port 8080.
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    root: '.',
    include: ['server/**/*.test.ts', 'geodata/**/*.test.ts', 'client/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
