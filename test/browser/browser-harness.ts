import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../server/services/headless-chromium';

/*
 * What every browser test sets up the same way: its own database file in a temporary folder, the real
 * server (`diaban serve`) on a free port, the command line against that database, Debian's Chromium, the
 * login page, and the files kept for people in test/output. Each test keeps what it checks.
 */
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const outputDirectory = join(projectRoot, 'test/output');
const commandLineScript = join(projectRoot, 'server/cli/bin.mjs');
const timingsFile = join(outputDirectory, 'browser-timings.json');

export interface Account {
  username: string;
  password: string;
}

export interface BrowserHarness {
  workDirectory: string;
  databasePath: string;
  baseUrl: string;
  browser: Browser;
  /** Everything the server has printed so far. */
  serverOutput(): string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Names the temporary folder, so a leftover one tells which test left it. */
  workDirectoryPrefix: string;
  /** Runs before the server starts, for what must be in the database when it opens it. */
  prepareDatabase?: (databasePath: string) => void;
}

/** A port nobody listens on now, so tests running side by side do not collide. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function waitForHealth(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not start within 60 s');
}

/** Runs `diaban …` as a user would, and answers its standard output; a failure stops the test with both outputs. */
export function runDiaban(args: string[], input?: string): string {
  const result = spawnSync(process.execPath, [commandLineScript, ...args], {
    input,
    encoding: 'utf8',
    // The JSON report of a large import is long.
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`diaban ${args.join(' ')}: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Creates an account the way an administrator does, with the password on standard input. */
export function addAccount(databasePath: string, account: Account, role: string): void {
  runDiaban(
    ['user', 'add', '--username', account.username, '--role', role, '--password-stdin', '--db', databasePath],
    `${account.password}\n`,
  );
}

/** An empty database gets the demo province and a demo account, whose password the server prints once. */
export function demoAccount(harness: BrowserHarness): Account {
  const output = harness.serverOutput();
  const password = /Demo account: demo \/ (\S+) /.exec(output)?.[1];
  if (!password) throw new Error(`the server printed no demo password:\n${output}`);
  return { username: 'demo', password };
}

function startServer(port: number, databasePath: string): { process: ChildProcess; output: () => string } {
  const server = spawn(
    process.execPath,
    [commandLineScript, 'serve', '--port', String(port), '--host', '127.0.0.1', '--db', databasePath],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { process: server, output: () => output };
}

/**
 * A temporary database, the server over it and Chromium, ready for pages. Whatever fails on the way is
 * cleaned up before the error goes on, since the test's `afterAll` gets no harness to close.
 */
export async function startBrowserHarness(options: HarnessOptions): Promise<BrowserHarness> {
  if (!existsSync(join(projectRoot, 'dist/client/index.html'))) {
    throw new Error('The client is not built: run "npm run build" first ("npm test" does it).');
  }
  const workDirectory = mkdtempSync(join(tmpdir(), options.workDirectoryPrefix));
  mkdirSync(outputDirectory, { recursive: true });
  const databasePath = join(workDirectory, 'diaban.db');
  let server: ReturnType<typeof startServer> | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    server?.process.kill();
    rmSync(workDirectory, { recursive: true, force: true });
  };
  try {
    options.prepareDatabase?.(databasePath);
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    server = startServer(port, databasePath);
    await waitForHealth(baseUrl);
    browser = await launchChromium();
    return { workDirectory, databasePath, baseUrl, browser, serverOutput: server.output, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Collects the page's uncaught errors, which every test expects to stay empty. */
export function collectPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

export async function fillLoginForm(page: Page, account: Account): Promise<void> {
  await page.getByTestId('login-username').fill(account.username);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
}

export async function waitForMapReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.mapReady === 'true', undefined, {
    timeout: 30_000,
  });
}

/** Opens a view; when the app asks to sign in first, does so through its login page. */
export async function openMap(page: Page, address: string, account: Account): Promise<void> {
  await page.goto(address);
  const form = page.getByTestId('login-form');
  await Promise.race([form.waitFor({ timeout: 30_000 }), waitForMapReady(page)]);
  if (await form.isVisible()) await fillLoginForm(page, account);
  await waitForMapReady(page);
}

/** A GET from inside the signed-in page, with its session. */
export async function fetchJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => (await fetch(url)).json(), path) as Promise<T>;
}

/** Kept in test/output for people to look at; not compared. */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  await page.screenshot({ path: join(outputDirectory, name), ...options });
}

/** Merges figures into test/output/browser-timings.json, keeping those other tests wrote. */
export function recordTimings(timings: Record<string, unknown>): void {
  let recorded: Record<string, unknown> = {};
  try {
    recorded = JSON.parse(readFileSync(timingsFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // First figures in the file.
  }
  writeFileSync(timingsFile, `${JSON.stringify({ ...recorded, ...timings }, null, 2)}\n`);
}
