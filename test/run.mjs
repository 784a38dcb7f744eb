#!/usr/bin/env node
// `npm test`: everything, in the order a failure is cheapest to find — lint, types, client build, then every
// test (unit, API, import, real-data, browser). On a fresh Debian machine it installs Chromium and
// pdftotext for the tests when it can (as root), or says how.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const chromium = process.env.DIABAN_CHROMIUM || '/usr/bin/chromium';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}

/** Debian packages the tests drive: Chromium (browser tests, PDF printing) and pdftotext (reading PDFs back). */
const TOOLS = [
  { name: 'Chromium', path: chromium, package: 'chromium' },
  { name: 'pdftotext', path: '/usr/bin/pdftotext', package: 'poppler-utils' },
];

function ensureTools() {
  const missing = TOOLS.filter((tool) => !existsSync(tool.path));
  if (missing.length === 0) return true;
  const packages = missing.map((tool) => tool.package);
  if (process.getuid?.() === 0) {
    console.log(`Cài cho kiểm thử / Installing for the tests (apt-get): ${packages.join(', ')}…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (
      run('apt-get', ['update', '-qq'], { env }) === 0 &&
      run('apt-get', ['install', '-y', '-qq', ...packages], { env }) === 0 &&
      missing.every((tool) => existsSync(tool.path))
    ) {
      return true;
    }
  }
  console.error(
    `Lỗi: thiếu ${missing.map((tool) => tool.name).join(', ')}. Cài bằng: sudo apt-get install ${packages.join(' ')} (Chromium: hoặc đặt DIABAN_CHROMIUM)\n` +
      `Error: ${missing.map((tool) => tool.name).join(', ')} missing. Install with: sudo apt-get install ${packages.join(' ')} (Chromium: or set DIABAN_CHROMIUM)`,
  );
  return false;
}

const steps = [
  ['Lint (Biome)', 'npx', ['biome', 'check', '.']],
  ['Typecheck (vue-tsc)', 'npx', ['vue-tsc', '--noEmit', '-p', '.']],
  ['Build the client (Vite)', 'npx', ['vite', 'build', '--logLevel', 'warn']],
];

if (!ensureTools()) process.exit(1);
for (const [title, command, args] of steps) {
  console.log(`\n▶ ${title}`);
  if (run(command, args) !== 0) {
    console.error(`✗ ${title} failed`);
    process.exit(1);
  }
}

console.log('\n▶ Tests (Vitest)');
mkdirSync('test/output', { recursive: true });
const report = 'test/output/vitest.json';
const status = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  console.log(
    `\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`,
  );
}
process.exit(status);
