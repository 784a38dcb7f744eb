import { describe, expect, it } from 'vitest';
import { formatArea, formatCount } from './number';

describe('numbers', () => {
  it('writes areas the Vietnamese way: decimal comma, thousands dot', () => {
    expect(formatArea(45.3, 'vi-VN')).toBe('45,3');
    expect(formatArea(45.26, 'vi-VN')).toBe('45,3');
    expect(formatArea(1234.56, 'vi-VN')).toBe('1.234,6');
    expect(formatArea(12, 'vi-VN')).toBe('12');
  });

  it('keeps two decimals for areas under 1 km²', () => {
    expect(formatArea(0.456, 'vi-VN')).toBe('0,46');
  });

  it('writes areas the English way', () => {
    expect(formatArea(1234.56, 'en-GB')).toBe('1,234.6');
  });

  it('groups counts by thousands', () => {
    expect(formatCount(12571, 'vi-VN')).toBe('12.571');
    expect(formatCount(12571, 'en-GB')).toBe('12,571');
    expect(formatCount(980, 'vi-VN')).toBe('980');
  });
});
