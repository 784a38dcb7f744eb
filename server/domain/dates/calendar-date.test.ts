import { describe, expect, it } from 'vitest';
import { formatVietnameseDate, isIsoDate, todayInVietnam } from './calendar-date';

describe('calendar dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2025-07-01')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('01/07/2025')).toBe(false);
    expect(isIsoDate('2025-7-1')).toBe(false);
  });

  it('writes dates as dd/mm/yyyy', () => {
    expect(formatVietnameseDate('2025-07-01')).toBe('01/07/2025');
  });

  it('takes today in Vietnam, seven hours ahead of UTC', () => {
    expect(todayInVietnam(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
    expect(todayInVietnam(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
  });
});
