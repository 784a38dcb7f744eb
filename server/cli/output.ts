import { BilingualError, type BilingualText, formatBilingual } from '../domain/bilingual';

/** Exit codes of every command: 0 done, 1 the work failed (bad data, rejected features), 2 wrong usage. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A failure to report to the user and exit with. */
export class CommandError extends BilingualError {
  constructor(
    text: BilingualText,
    readonly exitCode = EXIT_FAILURE,
  ) {
    super(text);
  }
}

export function printError(text: BilingualText): void {
  process.stderr.write(`Lỗi: ${text.vi}\nError: ${text.en}\n`);
}

export function printLine(text: BilingualText | string): void {
  process.stdout.write(`${typeof text === 'string' ? text : formatBilingual(text)}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
