import { describe, expect, it } from 'vitest';
import {
  formatOccurredAt,
  formatPeriod,
  parseOptionalNumber,
  parseTimeOfDay,
  splitOccurredAt,
  wallClockOf,
} from './record-format';

describe('record dates and numbers', () => {
  it('shows wall-clock incident times as dd/mm/yyyy HH:mm', () => {
    expect(formatOccurredAt('2025-03-05T08:30')).toBe('05/03/2025 08:30');
    expect(formatOccurredAt('2025-03-05T08:30:59')).toBe('05/03/2025 08:30');
    expect(formatOccurredAt('2025-03-05 18:04')).toBe('05/03/2025 18:04');
  });

  it('converts instants with a zone to Vietnam time', () => {
    expect(wallClockOf('2025-03-04T20:15:00Z')).toBe('2025-03-05T03:15');
    expect(formatOccurredAt('2025-03-05T08:30:00+07:00')).toBe('05/03/2025 08:30');
  });

  it('leaves text that is no time alone', () => {
    expect(formatOccurredAt('hôm qua')).toBe('hôm qua');
    expect(splitOccurredAt('hôm qua')).toEqual({ date: '', time: '' });
  });

  it('splits a time into the form’s date and time', () => {
    expect(splitOccurredAt('2024-12-31T23:05')).toEqual({ date: '31/12/2024', time: '23:05' });
  });

  it('reads times of day', () => {
    expect(parseTimeOfDay('8:30')).toBe('08:30');
    expect(parseTimeOfDay('08h30')).toBe('08:30');
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('8')).toBeNull();
  });

  it('reads optional numbers', () => {
    expect(parseOptionalNumber('', true)).toBeUndefined();
    expect(parseOptionalNumber(' 12 ', true)).toBe(12);
    expect(parseOptionalNumber('1,5', false)).toBe(1.5);
    expect(parseOptionalNumber('1.5', true)).toBeNaN();
    expect(parseOptionalNumber('-3', true)).toBeNaN();
    expect(parseOptionalNumber(7, true)).toBe(7);
  });

  it('writes reporting months as mm/yyyy', () => {
    expect(formatPeriod('2025-05')).toBe('05/2025');
  });
});
