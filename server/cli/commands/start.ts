import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { bilingual } from '../../domain/bilingual';
import { printLine } from '../output';
import { CLIENT_BUILD_DIRECTORY, PROJECT_ROOT } from '../paths';
import { type ServeFlags, serveBuiltClient, withServeOptions } from './serve';

/** What the client build is made from: a change to any of these makes the build stale. */
const CLIENT_SOURCES = ['client', 'server/domain', 'vite.config.ts', 'package-lock.json'];

export function registerStart(program: Command): void {
  withServeOptions(
    program
      .command('start')
      .description(
        'Build giao diện nếu cần rồi chạy máy chủ (npm start) / Build the client when needed, then serve',
      ),
  ).action(async (flags: ServeFlags) => {
    await buildClientIfStale();
    await serveBuiltClient(flags);
  });
}

export async function buildClientIfStale(): Promise<void> {
  const builtAt = newestModification(join(CLIENT_BUILD_DIRECTORY, 'index.html'));
  const changedAt = Math.max(...CLIENT_SOURCES.map((path) => newestModification(join(PROJECT_ROOT, path))));
  if (builtAt >= changedAt) return;
  printLine(bilingual('Đang build giao diện…', 'Building the client…'));
  const { build } = await import('vite');
  await build({ configFile: join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

/** Latest modification time (ms) of a file or of anything under a folder; 0 when it does not exist. */
function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, entry)));
  return newest;
}
