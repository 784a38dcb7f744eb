import { describe, expect, it } from 'vitest';
import { formatDecimal, formatMeasureValue, formatSigned } from './measure-value';

describe('figures of the incident map', () => {
  it('writes Vietnamese numbers with "." for thousands and "," for decimals', () => {
    expect(formatDecimal(12345.678, 'vi-VN', 2)).toBe('12.345,68');
    expect(formatDecimal(12345.678, 'en-GB', 2)).toBe('12,345.68');
    expect(formatDecimal(0.5, 'vi-VN', 0)).toBe('1');
  });

  it('gives changes their sign, and zero none', () => {
    expect(formatSigned(12, 'vi-VN')).toBe('+12');
    expect(formatSigned(-1234, 'vi-VN')).toBe('−1.234');
    expect(formatSigned(0, 'vi-VN')).toBe('0');
    expect(formatSigned(-0.001, 'vi-VN')).toBe('0');
  });

  it('shows rates with two decimals and counts whole', () => {
    expect(formatMeasureValue(3.14459, 'per1000', 'vi-VN')).toBe('3,14');
    expect(formatMeasureValue(1200, 'count', 'vi-VN')).toBe('1.200');
    expect(formatMeasureValue(12.25, 'count', 'vi-VN', 1)).toBe('12,3');
    expect(formatMeasureValue(-5, 'change', 'vi-VN')).toBe('−5');
  });
});
