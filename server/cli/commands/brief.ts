import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { type Command, Option } from 'commander';
import { openDatabase } from '../../db/database';
import { findBriefingPacksByName } from '../../db/queries/briefing-packs';
import { scopeIncludes, storedScope } from '../../db/queries/saved-views';
import { findUserByUsername, listUsers, parseScope } from '../../db/queries/users';
import { type BilingualText, bilingual } from '../../domain/bilingual';
import { type AppContext, createAppContext } from '../../routes/context';
import { parseDefinition, renderBriefingPack } from '../../services/briefing-pack-render';
import {
  DPIS,
  locationFromUrl,
  ORIENTATIONS,
  PAPERS,
  PRINT_LANGUAGES,
  PRINT_OPTION_EXPECTATIONS,
  type PrintOptions,
  printOptionsSchema,
  renderPrint,
} from '../../services/print-render';
import { CommandError, EXIT_USAGE, printLine } from '../output';
import { databaseOption } from './shared-options';

interface BriefFlags {
  url?: string;
  pack?: string;
  out: string;
  dpi: string;
  paper: string;
  orientation: string;
  title?: string;
  subtitle?: string;
  marking?: string;
  language: string;
  user?: string;
  db: string;
}

export function registerBrief(program: Command): void {
  program
    .command('brief')
    .description(
      'Xuất một trang bản đồ ra PDF hoặc PNG cho giao ban / Export a map view to PDF or PNG for a briefing\n' +
        "  npx diaban brief --url 'http://localhost:8080/#/map?era=…' --out ban-do.pdf --paper A4 --orientation landscape",
    )
    .option(
      '--url <url>',
      'địa chỉ trang (phần sau # chứa cả trạng thái) / the view’s address (all after # is its state)',
    )
    .option('--pack <name>', 'bộ tài liệu giao ban đã lưu / a saved briefing pack')
    .requiredOption('--out <file>', 'tệp ra, .pdf hoặc .png / output file, .pdf or .png')
    .addOption(
      new Option('--dpi <dpi>', 'độ phân giải / resolution').choices(DPIS.map(String)).default('150'),
    )
    .addOption(new Option('--paper <paper>', 'khổ giấy / paper').choices([...PAPERS]).default('A4'))
    .addOption(
      new Option('--orientation <orientation>', 'hướng giấy / orientation')
        .choices([...ORIENTATIONS])
        .default('landscape'),
    )
    .option('--title <text>', 'tiêu đề / title')
    .option('--subtitle <text>', 'phụ đề / subtitle')
    .option('--marking <text>', 'độ mật, ví dụ "MẬT" / classification marking, e.g. "Lưu hành nội bộ"')
    .addOption(
      new Option('--language <language>', 'ngôn ngữ của bản in / the print’s language')
        .choices([...PRINT_LANGUAGES])
        .default('vi'),
    )
    .option(
      '--user <name>',
      'in với quyền của tài khoản này (mặc định: quản trị viên đầu tiên) / render as this account',
    )
    .addOption(databaseOption())
    .action(async (flags: BriefFlags) => {
      const format = formatOf(flags.out);
      const database = openDatabase(flags.db);
      try {
        const context = createAppContext(database);
        const username = accountToRenderAs(context, flags.user);
        let content: Uint8Array;
        if (flags.pack) {
          content = await renderPackByName(context, { username }, flags.pack, format);
        } else {
          if (!flags.url) {
            throw new CommandError(
              bilingual('Cần --url (hoặc --pack)', 'Give --url (or --pack)'),
              EXIT_USAGE,
            );
          }
          content = await renderPrint(context, { username }, briefOptions(flags, format));
        }
        writeFileSync(flags.out, content);
        printLine(
          bilingual(
            `Đã ghi ${flags.out} (${Math.round(content.byteLength / 1024)} KB, in với tài khoản ${username})`,
            `Wrote ${flags.out} (${Math.round(content.byteLength / 1024)} KB, rendered as ${username})`,
          ),
        );
      } finally {
        database.$client.close();
      }
    });
}

function formatOf(out: string): PrintOptions['format'] {
  const extension = extname(out).toLowerCase();
  if (extension === '.pdf' || extension === '.png') return extension === '.pdf' ? 'pdf' : 'png';
  throw new CommandError(
    bilingual('Tệp ra phải là .pdf hoặc .png', 'The output file must end in .pdf or .png'),
    EXIT_USAGE,
  );
}

/** The options checked as the API checks them, so a command line and a request fail alike. */
export function briefOptions(
  flags: Omit<BriefFlags, 'out' | 'db'>,
  format: PrintOptions['format'],
): PrintOptions {
  const parsed = printOptionsSchema.safeParse({
    location: locationFromUrl(flags.url ?? ''),
    format,
    paper: flags.paper,
    orientation: flags.orientation,
    dpi: Number(flags.dpi),
    title: flags.title,
    subtitle: flags.subtitle,
    marking: flags.marking,
    language: flags.language,
  });
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? '');
  const expected: BilingualText | undefined =
    PRINT_OPTION_EXPECTATIONS[field as keyof typeof PRINT_OPTION_EXPECTATIONS];
  const option = field === 'location' ? 'url' : field;
  throw new CommandError(
    bilingual(
      `--${option} không hợp lệ${expected ? `: cần ${expected.vi}` : ''}`,
      `Invalid --${option}${expected ? `: expected ${expected.en}` : ''}`,
    ),
    EXIT_USAGE,
  );
}

/** The account named, or the first enabled administrator; the render sees what that account may see. */
function accountToRenderAs(context: AppContext, name: string | undefined): string {
  if (name) {
    const user = findUserByUsername(context.database, name.trim().toLowerCase());
    if (!user || user.disabled) {
      throw new CommandError(
        bilingual(`Không có tài khoản "${name}" (hoặc đã bị khóa)`, `There is no enabled account "${name}"`),
        EXIT_USAGE,
      );
    }
    return user.username;
  }
  const admin = listUsers(context.database)
    .filter((user) => user.role === 'admin' && !user.disabled)
    .sort((first, second) => first.id - second.id)[0];
  if (!admin) {
    throw new CommandError(
      bilingual(
        'Chưa có quản trị viên nào: tạo bằng "npx diaban user add --role admin", hoặc dùng --user',
        'There is no administrator: create one with "npx diaban user add --role admin", or give --user',
      ),
    );
  }
  return admin.username;
}

/**
 * `--pack NAME`: a saved briefing pack rendered to one PDF, as "In bộ tài liệu" does on the briefings page,
 * among the packs the account may see (the newest when several share the name).
 */
async function renderPackByName(
  context: AppContext,
  account: { username: string },
  name: string,
  format: PrintOptions['format'],
): Promise<Uint8Array> {
  if (format !== 'pdf') {
    throw new CommandError(
      bilingual('Bộ tài liệu chỉ xuất ra .pdf', 'A briefing pack is written as a .pdf only'),
      EXIT_USAGE,
    );
  }
  const user = findUserByUsername(context.database, account.username);
  const scope = parseScope(user?.scope ?? '{"kind":"all"}');
  const pack = findBriefingPacksByName(context.database, name.trim()).find((candidate) =>
    scopeIncludes(context.database, scope, storedScope(candidate.scope)),
  );
  if (!pack) {
    throw new CommandError(
      bilingual(
        `Không có bộ tài liệu "${name}" mà tài khoản ${account.username} xem được`,
        `There is no briefing pack "${name}" that ${account.username} may see`,
      ),
      EXIT_USAGE,
    );
  }
  return renderBriefingPack(
    context,
    { username: account.username, scope },
    parseDefinition(pack.definition),
    {
      // Progress for a person at a terminal; scripts get the result line only.
      onProgress: (done, total) => {
        if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total}${done === total ? '\n' : ''}`);
      },
    },
  );
}
