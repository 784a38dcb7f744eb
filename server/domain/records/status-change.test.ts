import { describe, expect, it } from 'vitest';
import { FLASHPOINT_STATUSES, STATUS_TRANSITIONS, VICE_SPOT_STATUSES } from './record-vocabulary';
import { checkInitialStatus, checkStatusChange, checkStatusDate } from './status-change';

const TODAY = '2024-05-15';

describe('status transitions', () => {
  it.each([
    ['arising', 'being-resolved'],
    ['arising', 'resolved'],
    ['being-resolved', 'resolved'],
    ['being-resolved', 'flared-again'],
    ['resolved', 'flared-again'],
    ['flared-again', 'being-resolved'],
    ['flared-again', 'resolved'],
  ])('lets a flashpoint go from %s to %s', (from, to) => {
    expect(
      checkStatusChange('flashpoint', { status: from, since: '2024-01-01' }, to, TODAY, TODAY),
    ).toBeNull();
  });

  it.each([
    ['arising', 'flared-again'],
    ['resolved', 'arising'],
    ['resolved', 'being-resolved'],
    ['being-resolved', 'arising'],
    ['resolved', 'resolved'],
  ])('refuses a flashpoint going from %s to %s, saying where it may go', (from, to) => {
    const reason = checkStatusChange('flashpoint', { status: from, since: '2024-01-01' }, to, TODAY, TODAY);
    expect(reason?.vi).toMatch(/Không thể chuyển|đã là/);
    expect(reason?.en).toMatch(/Cannot change|already/);
  });

  it('follows a vice spot through elimination and re-forming', () => {
    const since = '2024-01-01';
    expect(
      checkStatusChange('vice-spot', { status: 'active', since }, 'eliminated', TODAY, TODAY),
    ).toBeNull();
    expect(
      checkStatusChange('vice-spot', { status: 'eliminated', since }, 're-formed', TODAY, TODAY),
    ).toBeNull();
    expect(
      checkStatusChange('vice-spot', { status: 're-formed', since }, 'eliminated', TODAY, TODAY),
    ).toBeNull();
    expect(
      checkStatusChange('vice-spot', { status: 'eliminated', since }, 'active', TODAY, TODAY)?.en,
    ).toMatch(/can only become: "Re-formed" \(re-formed\)/);
    expect(
      checkStatusChange('vice-spot', { status: 'active', since }, 're-formed', TODAY, TODAY),
    ).not.toBeNull();
  });

  it('names the statuses there are when given an unknown one', () => {
    const reason = checkStatusChange(
      'flashpoint',
      { status: 'arising', since: TODAY },
      'closed',
      TODAY,
      TODAY,
    );
    expect(reason?.en).toMatch(/There is no status "closed"/);
    expect(reason?.vi).toMatch(/Không có trạng thái "closed"/);
  });

  it('only moves between known statuses, never to the same one', () => {
    for (const [type, statuses] of [
      ['flashpoint', FLASHPOINT_STATUSES],
      ['vice-spot', VICE_SPOT_STATUSES],
    ] as const) {
      const transitions: Record<string, readonly string[]> = STATUS_TRANSITIONS[type];
      for (const status of statuses) {
        const next = transitions[status] ?? [];
        expect(next.length, `${type} ${status}`).toBeGreaterThan(0);
        expect(next).not.toContain(status);
        for (const to of next) expect(statuses as readonly string[]).toContain(to);
      }
    }
  });
});

describe('status dates', () => {
  it('refuses dates in the future, before the current status, or not real', () => {
    expect(checkStatusDate('2024-05-16', TODAY)?.en).toMatch(/future/);
    expect(checkStatusDate('2024-05-16', TODAY)?.vi).toMatch(/16\/05\/2024 ở tương lai/);
    expect(checkStatusDate('2024-02-30', TODAY)?.en).toMatch(/Invalid date/);
    expect(checkStatusDate('15/05/2024', TODAY)?.en).toMatch(/Invalid date/);
    expect(checkStatusDate('1899-12-31', TODAY)?.en).toMatch(/Invalid date/);
    expect(checkStatusDate('2024-03-01', TODAY, '2024-04-01')?.en).toMatch(
      /before the date of the current status/,
    );
    expect(checkStatusDate('2024-04-01', TODAY, '2024-04-01')).toBeNull();
    expect(checkStatusDate(TODAY, TODAY)).toBeNull();
  });

  it('checks the date of a status change too', () => {
    const current = { status: 'arising', since: '2024-05-01' };
    expect(checkStatusChange('flashpoint', current, 'being-resolved', '2024-04-30', TODAY)?.en).toMatch(
      /before/,
    );
  });
});

describe('initial statuses', () => {
  it('allows a record to start arising, under way or settled, but not "again"', () => {
    expect(checkInitialStatus('flashpoint', 'arising')).toBeNull();
    expect(checkInitialStatus('flashpoint', 'resolved')).toBeNull();
    expect(checkInitialStatus('flashpoint', 'flared-again')?.en).toMatch(
      /cannot be created as "Flared up again"/,
    );
    expect(checkInitialStatus('vice-spot', 'eliminated')).toBeNull();
    expect(checkInitialStatus('vice-spot', 're-formed')?.vi).toMatch(/Không thể tạo tụ điểm/);
    expect(checkInitialStatus('vice-spot', 'nonsense')?.en).toMatch(/There is no status/);
  });
});
