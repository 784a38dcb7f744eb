import { describe, expect, it } from 'vitest';
import { checkIndicatorValues, DEFAULT_INDICATOR_DEFINITIONS, parseReportingPeriod } from './indicators';

describe('parseReportingPeriod', () => {
  it('reads a reporting month as the 15th to the 14th', () => {
    expect(parseReportingPeriod('2024-05', '2024-05-15')).toEqual({
      period: '2024-05',
      from: '2024-04-15',
      to: '2024-05-14',
    });
    expect(parseReportingPeriod('2024-01', '2024-05-15')).toMatchObject({
      from: '2023-12-15',
      to: '2024-01-14',
    });
  });

  it('allows the month under way but not later ones', () => {
    // 15 May is in the reporting month of June.
    expect(parseReportingPeriod('2024-06', '2024-05-15')).toMatchObject({ period: '2024-06' });
    expect(parseReportingPeriod('2024-07', '2024-05-15')).toMatchObject({ en: /has not begun/ });
  });

  it.each(['2024-13', '2024-5', '05/2024', '', '2024-00'])('refuses %j', (text) => {
    const result = parseReportingPeriod(text, '2024-05-15');
    expect(result).toHaveProperty('vi');
    expect(result).toHaveProperty('en');
  });
});

describe('checkIndicatorValues', () => {
  it('takes whole counts of known indicators, and null to clear one', () => {
    expect(
      checkIndicatorValues({ 'wanted-persons': 3, 'households-reached': 0 }, DEFAULT_INDICATOR_DEFINITIONS),
    ).toBeNull();
    expect(checkIndicatorValues({ 'wanted-persons': null }, DEFAULT_INDICATOR_DEFINITIONS)).toBeNull();
  });

  it.each([
    [{ 'wanted-persons': -1 }, /whole number/],
    [{ 'wanted-persons': 1.5 }, /whole number/],
    [{ 'wanted-persons': '3' }, /whole number/],
    [{ 'wanted-persons': 1e12 }, /whole number/],
    [{ 'ten-doi-tuong': 1 }, /no indicator "ten-doi-tuong"/],
  ])('refuses %j', (values, reason) => {
    expect(checkIndicatorValues(values, DEFAULT_INDICATOR_DEFINITIONS)?.en).toMatch(reason);
  });

  it('has unique codes and names in both languages', () => {
    const codes = DEFAULT_INDICATOR_DEFINITIONS.map((definition) => definition.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const definition of DEFAULT_INDICATOR_DEFINITIONS) {
      expect(definition.nameVi && definition.nameEn && definition.unitVi && definition.unitEn).toBeTruthy();
    }
  });
});
