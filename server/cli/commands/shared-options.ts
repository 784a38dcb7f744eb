import { Option } from 'commander';
import { defaultDatabasePath } from '../../db/database';

/** `--db PATH`, on every command that touches data. */
export function databaseOption(): Option {
  return new Option(
    '--db <path>',
    'tệp cơ sở dữ liệu / database file (DIABAN_DB, else ./data/diaban.db)',
  ).default(defaultDatabasePath());
}
