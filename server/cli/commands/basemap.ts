import type { Command } from 'commander';
import { openDatabase } from '../../db/database';
import { bilingual } from '../../domain/bilingual';
import { type BasemapSetting, changeBasemap, readBasemap } from '../../services/basemap-setting';
import { CommandError, EXIT_USAGE, printLine } from '../output';
import { databaseOption } from './shared-options';
import { commandLineActor } from './user';

export function registerBasemap(program: Command): void {
  program
    .command('basemap')
    .description(
      'Bản đồ nền tùy chọn cho mạng có máy chủ bản đồ / Optional basemap, for networks that have a tile server\n' +
        'URL: mẫu ô raster (…/{z}/{x}/{y}.png) hoặc URL style MapLibre / a raster tile template or a MapLibre style URL',
    )
    .argument('[url]', 'URL bản đồ nền; bỏ trống để xem cấu hình / basemap URL; omit to show the setting')
    .option('--attribution <text>', 'ghi nguồn bản đồ nền / basemap attribution')
    .option('--clear', 'bỏ bản đồ nền / remove the basemap')
    .addOption(databaseOption())
    .action((url: string | undefined, flags: { db: string; attribution?: string; clear?: boolean }) => {
      const database = openDatabase(flags.db);
      try {
        if (flags.clear) {
          changeBasemap(database, null, commandLineActor(), new Date());
          printLine(bilingual('Đã bỏ bản đồ nền', 'Basemap removed'));
        } else if (url) {
          if (!/^https?:\/\//.test(url)) {
            throw new CommandError(
              bilingual(
                'URL phải bắt đầu bằng http:// hoặc https://',
                'The URL must start with http:// or https://',
              ),
              EXIT_USAGE,
            );
          }
          const setting: BasemapSetting = {
            url,
            ...(flags.attribution ? { attribution: flags.attribution } : {}),
          };
          changeBasemap(database, setting, commandLineActor(), new Date());
          printLine(bilingual(`Bản đồ nền: ${url}`, `Basemap: ${url}`));
        } else {
          const setting = readBasemap(database);
          printLine(
            setting
              ? `${setting.url}${setting.attribution ? ` (${setting.attribution})` : ''}`
              : bilingual('Chưa có bản đồ nền (chỉ lớp ranh giới)', 'No basemap (boundary layers only)'),
          );
        }
      } finally {
        database.$client.close();
      }
    });
}
