import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, localDayEnd, localDayStart, parseVietnameseDate } from './date-time';

describe('dates and times on the log page', () => {
  it('writes an instant dd/mm/yyyy HH:mm:ss in local time', () => {
    // Built from local parts, so the test holds in any time zone.
    const instant = new Date(2025, 2, 5, 8, 4, 9).toISOString();
    expect(formatLocalDateTime(instant)).toBe('05/03/2025 08:04:09');
    expect(formatLocalDateTime(new Date(2024, 11, 31, 23, 59, 59).toISOString())).toBe('31/12/2024 23:59:59');
  });

  it('leaves text that is not an instant alone', () => {
    expect(formatLocalDateTime('not a time')).toBe('not a time');
  });

  it('reads days written dd/mm/yyyy', () => {
    expect(parseVietnameseDate('05/03/2025')).toBe('2025-03-05');
    expect(parseVietnameseDate(' 5/3/2025 ')).toBe('2025-03-05');
    expect(parseVietnameseDate('5.3.2025')).toBe('2025-03-05');
    expect(parseVietnameseDate('29/02/2024')).toBe('2024-02-29');
  });

  it('refuses days that do not exist or are written otherwise', () => {
    expect(parseVietnameseDate('29/02/2025')).toBeNull();
    expect(parseVietnameseDate('31/04/2025')).toBeNull();
    expect(parseVietnameseDate('2025-03-05')).toBeNull();
    expect(parseVietnameseDate('05/03/25')).toBeNull();
    expect(parseVietnameseDate('')).toBeNull();
  });

  it('turns a day into its first and last local instants', () => {
    expect(localDayStart('2025-03-05')).toBe(new Date(2025, 2, 5).toISOString());
    expect(localDayEnd('2025-03-05')).toBe(new Date(2025, 2, 5, 23, 59, 59, 999).toISOString());
    expect(localDayEnd('2024-12-31')).toBe(new Date(2024, 11, 31, 23, 59, 59, 999).toISOString());
  });
});
