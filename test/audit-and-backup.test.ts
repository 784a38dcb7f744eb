import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../server/db/database';
import { listAuditRecords } from '../server/db/queries/audit';
import { appendAudit, verifyAuditTrail } from '../server/services/audit-trail';
import { diaban, fixturePath, signedInApp } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const directories: string[] = [];

function workDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'diaban-audit-'));
  directories.push(directory);
  return directory;
}

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function auditedDatabase(): Database {
  const database = openDatabase();
  const at = new Date('2024-05-15T08:00:00Z');
  appendAudit(database, { actor: 'quantri', action: 'auth.login', address: '10.0.0.5' }, at);
  appendAudit(
    database,
    { actor: 'quantri', action: 'user.create', target: 'canbo', after: { role: 'planner' } },
    at,
  );
  appendAudit(database, { actor: 'canbo', action: 'auth.login', outcome: 'failure' }, at);
  appendAudit(
    database,
    { actor: 'quantri', action: 'settings.update', before: { basemap: null }, after: { basemap: 'x' } },
    at,
  );
  return database;
}

describe('the audit trail', () => {
  it('chains every entry to the one before it', () => {
    const database = auditedDatabase();
    expect(verifyAuditTrail(database)).toEqual({ ok: true, entries: 4 });
    const [newest, previous] = listAuditRecords(database, { limit: 2 });
    expect(newest?.previousHash).toBe(previous?.hash);
  });

  it('is browsed by administrators day by day in Vietnam time, and exported as CSV', async () => {
    const database = openDatabase();
    // 01:00 on 06/03/2025 in Vietnam, still 05/03 in UTC.
    appendAudit(database, { actor: 'canbo', action: 'auth.login' }, new Date('2025-03-05T18:00:00Z'));
    const admin = await signedInApp(database);
    const listed = async (query: string) =>
      ((await (await admin.request(`/api/audit?actor=canbo&${query}`)).json()) as { entries: unknown[] })
        .entries.length;
    expect(await listed('to=2025-03-05')).toBe(0);
    expect(await listed('from=2025-03-06&to=2025-03-06')).toBe(1);
    const csv = await admin.request('/api/audit/export?actor=canbo');
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,target,outcome,address,before,after,previous_hash,hash');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^1,2025-03-05T18:00:00.000Z,canbo,auth.login,,success,/);
  });

  it('refuses changes and deletions through the database itself', () => {
    const database = auditedDatabase();
    expect(() => database.$client.prepare("UPDATE audit_log SET actor = 'x' WHERE id = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => database.$client.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);
  });

  it('finds a changed, a deleted and an inserted entry, even when the attacker drops the guards', () => {
    const tamper = (statements: string) => {
      const database = auditedDatabase();
      database.$client.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      database.$client.exec(statements);
      return verifyAuditTrail(database);
    };
    expect(tamper('UPDATE audit_log SET after = \'{"role":"admin"}\' WHERE id = 2')).toEqual({
      ok: false,
      entries: 1,
      brokenAt: 2,
      reason: 'content',
    });
    expect(tamper('DELETE FROM audit_log WHERE id = 3')).toMatchObject({
      ok: false,
      brokenAt: 4,
      reason: 'gap',
    });
    // Rewriting an entry and its own hash still breaks the link from the entry after it.
    const rewritten = tamper(`UPDATE audit_log SET actor = 'ai-do', hash = '${'f'.repeat(64)}' WHERE id = 3`);
    expect(rewritten).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('is checked by `diaban audit verify`, which fails on a tampered trail', () => {
    const directory = workDirectory();
    const path = join(directory, 'diaban.db');
    const created = diaban(
      ['user', 'add', '--username', 'quantri', '--role', 'admin', '--password-stdin', '--db', path],
      'mat-khau-dai-2025\n',
    );
    expect(created.status, created.stderr).toBe(0);
    const intact = diaban(['audit', 'verify', '--db', path]);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/intact: 1 entries/);

    const database = openDatabase(path);
    database.$client.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone-else'");
    database.$client.close();
    const broken = diaban(['audit', 'verify', '--db', path]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/Nhật ký bị can thiệp tại mục 1/);
    expect(broken.stderr).toMatch(/tampered with at entry 1: its content was changed/);
  });
});

describe('backups', () => {
  let server: ChildProcess | undefined;

  afterEach(() => {
    server?.kill();
    server = undefined;
  });

  it('backs up while the server runs, refuses to restore under it, and restores once it stops', async () => {
    const directory = workDirectory();
    const path = join(directory, 'diaban.db');
    expect(
      diaban([
        'import',
        'boundaries',
        fixturePath('tiny-province.geojson'),
        '--era',
        '2021',
        '--valid-from',
        '2021-07-01',
        '--db',
        path,
      ]).status,
    ).toBe(0);
    expect(
      diaban(
        ['user', 'add', '--username', 'quantri', '--role', 'admin', '--password-stdin', '--db', path],
        'mat-khau-dai-2025\n',
      ).status,
    ).toBe(0);

    server = spawn(
      process.execPath,
      [
        join(root, 'server/cli/bin.mjs'),
        'serve',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--no-demo',
        '--db',
        path,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // `serve` refuses to start without a built client; either way it writes its pid file or exits.
    const running = await new Promise<boolean>((resolve) => {
      server?.once('exit', () => resolve(false));
      server?.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('http://localhost:')) resolve(true);
      });
    });

    // A signed decision's PDF, kept beside the database, goes into the backup and comes back with it.
    mkdirSync(join(directory, 'programme-decisions'));
    writeFileSync(join(directory, 'programme-decisions', '1.pdf'), '%PDF-1.4 quyết định');
    const backupPath = join(directory, 'backup.db');
    const backup = diaban(['backup', backupPath, '--db', path]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backed up to/);
    expect(diaban(['backup', backupPath, '--db', path]).status).toBe(1); // Never overwrites.

    if (running) {
      const refused = diaban(['restore', backupPath, '--db', path]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/stop it, then restore/);
      server?.kill();
      await new Promise((resolve) => server?.once('exit', resolve));
    }

    const restoredPath = join(directory, 'restored', 'diaban.db');
    const restored = diaban(['restore', backupPath, '--db', restoredPath]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(backup.stdout).toMatch(/with 1 files in .*backup\.db\.files/);
    expect(readFileSync(join(directory, 'restored', 'programme-decisions', '1.pdf'), 'utf8')).toBe(
      '%PDF-1.4 quyết định',
    );
    expect(diaban(['eras', '--db', restoredPath]).stdout).toMatch(/2021: 01\/07\/2021/);
    expect(diaban(['user', 'list', '--db', restoredPath]).stdout).toMatch(/quantri/);
    expect(diaban(['audit', 'verify', '--db', restoredPath]).status).toBe(0);

    const notABackup = diaban(['restore', fixturePath('README.md'), '--db', restoredPath]);
    expect(notABackup.status).toBe(1);
    expect(notABackup.stderr).toMatch(/not a valid Diaban backup/);
    expect(existsSync(restoredPath)).toBe(true);
  });
});
