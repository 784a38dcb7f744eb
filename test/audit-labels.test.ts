import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKnownAuditAction } from '../client/src/format/audit-actions';

/** Every TypeScript file under a folder. */
function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(folder, name));
}

describe('the audit log page', () => {
  it('has words for every action the server writes', () => {
    const actions = new Set<string>();
    for (const file of [...sources('server'), ...sources('geodata')]) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/action: '([a-z.-]+)'/g)) actions.add(match[1] as string);
      // Flashpoints and vice spots share their routes: `${type}.create` and the like.
      for (const match of text.matchAll(/action: `\$\{type\}\.([a-z-]+)`/g)) {
        for (const type of ['flashpoint', 'vice-spot']) actions.add(`${type}.${match[1]}`);
      }
    }
    expect(actions.size).toBeGreaterThan(30);
    expect([...actions].filter((action) => !isKnownAuditAction(action))).toEqual([]);
  });
});
