import { describe, expect, it } from 'vitest';
import { dateInEra, eraOnDate } from './era-date';

const OLD = { label: '2021', validFrom: '2021-07-01', validTo: '2025-06-30', demo: false };
const NEW = { label: '2025', validFrom: '2025-07-01', validTo: null, demo: false };
const DEMO_OLD = { label: 'demo-2020', validFrom: '2020-01-01', validTo: '2025-06-30', demo: true };
const DEMO_NEW = { label: 'demo-2025', validFrom: '2025-07-01', validTo: null, demo: true };
const ALL = [NEW, OLD, DEMO_NEW, DEMO_OLD];

describe('the era of a date', () => {
  it('picks the old units for 2024 and the new ones for 2026', () => {
    expect(eraOnDate(ALL, '2024-05-01')?.label).toBe('2021');
    expect(eraOnDate(ALL, '2026-01-15')?.label).toBe('2025');
    expect(eraOnDate(ALL, '2025-06-30')?.label).toBe('2021');
    expect(eraOnDate(ALL, '2025-07-01')?.label).toBe('2025');
  });

  it('stays with demo eras while a demo era is on screen', () => {
    expect(eraOnDate(ALL, '2024-05-01', DEMO_NEW)?.label).toBe('demo-2020');
    expect(eraOnDate(ALL, '2026-01-15', DEMO_OLD)?.label).toBe('demo-2025');
  });

  it('has none before every era', () => {
    expect(eraOnDate(ALL, '2019-01-01')).toBeNull();
  });
});

describe('a date inside an era', () => {
  it('keeps a date the era covers and moves others to its nearest day', () => {
    expect(dateInEra(OLD, '2024-05-01')).toBe('2024-05-01');
    expect(dateInEra(OLD, '2026-01-15')).toBe('2025-06-30');
    expect(dateInEra(NEW, '2024-05-01')).toBe('2025-07-01');
    expect(dateInEra(NEW, '2030-01-01')).toBe('2030-01-01');
  });
});
