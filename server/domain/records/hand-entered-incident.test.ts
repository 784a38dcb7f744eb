import { describe, expect, it } from 'vitest';
import { incidentDedupKey } from '../incidents/incident-dedup-key';
import { checkIncidentInput, wallClockInVietnam } from './hand-entered-incident';

const CATEGORIES = [
  { code: 'trom-cap', active: true },
  { code: 'danh-bac', active: true },
  { code: 'cu', active: false },
];
const NOW = '2024-05-15T10:00:00';
const INPUT = {
  occurredAt: '2024-05-01T21:30',
  longitude: 105.52,
  latitude: 10.02,
  categoryCode: 'trom-cap',
};

describe('checkIncidentInput', () => {
  it('completes an incident with the importer’s defaults and key', () => {
    const checked = checkIncidentInput(INPUT, CATEGORIES, NOW);
    expect(checked).toMatchObject({
      occurredAt: '2024-05-01T21:30:00',
      occurredDate: '2024-05-01',
      severity: null,
      cleared: null,
      deaths: 0,
      injuries: 0,
      source: null,
      reference: null,
    });
    if ('vi' in checked) return;
    expect(checked.dedupKey).toBe(incidentDedupKey(checked));
  });

  it('reads severities by code or by name, and tidies text', () => {
    const checked = checkIncidentInput(
      { ...INPUT, severity: 'Rất nghiêm trọng', subcategory: '  Trộm  xe máy ', cleared: true, deaths: 1 },
      CATEGORIES,
      NOW,
    );
    expect(checked).toMatchObject({
      severity: 'rat-nghiem-trong',
      subcategory: 'Trộm xe máy',
      cleared: true,
      deaths: 1,
    });
  });

  it.each([
    [{ occurredAt: '01/05/2024 21:30' }, /Invalid time of occurrence/],
    [{ occurredAt: '2024-02-30T10:00' }, /Invalid time of occurrence/],
    [{ occurredAt: '2024-05-15T10:01' }, /in the future/],
    [{ longitude: 190 }, /outside WGS84/],
    [{ categoryCode: 'khong-co' }, /no incident category "khong-co"/],
    [{ categoryCode: 'cu' }, /no longer used/],
    [{ severity: 'nặng' }, /Invalid severity/],
    [{ deaths: -1 }, /deaths must be a whole number/],
    [{ injuries: 1.5 }, /injuries must be a whole number/],
    [{ reference: 'x'.repeat(201) }, /longer than 200/],
  ])('refuses %j with a reason in both languages', (change, reason) => {
    const checked = checkIncidentInput({ ...INPUT, ...change }, CATEGORIES, NOW);
    expect(checked).toHaveProperty('vi');
    if ('vi' in checked) expect(checked.en).toMatch(reason);
  });

  it('tells Vietnam time from an instant', () => {
    expect(wallClockInVietnam(new Date('2024-05-15T03:00:00Z'))).toBe('2024-05-15T10:00:00');
  });
});
