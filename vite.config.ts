/// <reference types="vitest/config" />
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const serverDomain = fileURLToPath(new URL('./server/domain', import.meta.url));

/**
 * Writes .br and .gz beside every compressible file of the build, once, at maximum compression; the server
 * sends them as they are (police networks are slow, and compressing per request would cost every time).
 */
function precompressAssets(): Plugin {
  let outDir = '';
  return {
    name: 'diaban-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const visit = (directory: string) => {
        for (const entry of readdirSync(directory)) {
          const path = join(directory, entry);
          if (statSync(path).isDirectory()) visit(path);
          else if (/\.(js|mjs|css|html|svg|json)$/.test(entry) && statSync(path).size > 1024) {
            const content = readFileSync(path);
            writeFileSync(
              `${path}.br`,
              brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
            );
            writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
          }
        }
      };
      visit(outDir);
    },
  };
}

// One config for the client build (root: client/, output: dist/client) and for Vitest (the whole tree).
export default defineConfig({
  root: 'client',
  plugins: [vue(), precompressAssets()],
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
