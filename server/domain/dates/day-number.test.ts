import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfDayNumber, dayNumber } from './day-number';

describe('day numbers', () => {
  it('counts days from 1 January 1970', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(dateOfDayNumber(dayNumber('2024-02-29'))).toBe('2024-02-29');
  });

  it('goes back and forth without loss, in date order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -40_000, max: 60_000 }),
        fc.integer({ min: -400, max: 400 }),
        (day, step) => {
          expect(dayNumber(dateOfDayNumber(day))).toBe(day);
          expect(dateOfDayNumber(day) < dateOfDayNumber(day + Math.abs(step) + 1)).toBe(true);
        },
      ),
    );
  });
});
