import { Command, CommanderError } from 'commander';
import { BilingualError } from '../domain/bilingual';
import { registerAudit } from './commands/audit';
import { registerBackup } from './commands/backup';
import { registerBasemap } from './commands/basemap';
import { registerBench } from './commands/bench';
import { registerBrief } from './commands/brief';
import { registerDemo } from './commands/demo';
import { registerEras } from './commands/eras';
import { registerImportBoundaries } from './commands/import-boundaries';
import { registerImportIncidents } from './commands/import-incidents';
import { registerImportLineage, registerLineage } from './commands/import-lineage';
import { registerServe } from './commands/serve';
import { registerStart } from './commands/start';
import { registerStats } from './commands/stats';
import { registerUser } from './commands/user';
import { EXIT_FAILURE, EXIT_USAGE, printError } from './output';

export function buildProgram(): Command {
  const program = new Command('diaban')
    .description(
      'Diaban — bản đồ địa bàn cho Ban Chỉ đạo 138 / the locality map workbench for crime-prevention committees',
    )
    .configureOutput({
      outputError: (message, write) =>
        write(`Lệnh không đúng cú pháp / Usage error: ${message.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(--help: hướng dẫn / usage)')
    .exitOverride();
  const importCommand = program.command('import').description('Nhập dữ liệu / Import data').exitOverride();
  registerImportBoundaries(importCommand);
  registerImportIncidents(importCommand);
  registerImportLineage(importCommand);
  registerLineage(program);
  registerServe(program);
  registerBrief(program);
  registerStart(program);
  registerDemo(program);
  registerEras(program);
  registerBasemap(program);
  registerBench(program);
  registerStats(program);
  registerUser(program);
  registerAudit(program);
  registerBackup(program);
  return program;
}

/** Runs the command line and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end this way too, with exit code 0; commander has already printed its message.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof BilingualError) {
      printError(error.text);
      return 'exitCode' in error && typeof error.exitCode === 'number' ? error.exitCode : EXIT_FAILURE;
    }
    printError({
      vi: `Lỗi không mong đợi: ${(error as Error).message}`,
      en: `Unexpected error: ${(error as Error).message}`,
    });
    return EXIT_FAILURE;
  }
}
