import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seeded-random';
import { type IncidentIdentity, incidentDedupKey, sameIncidentIdentity } from './incident-dedup-key';

const theft: IncidentIdentity = {
  occurredAt: '2024-03-05T22:30:00',
  longitude: 105.0809123,
  latitude: 10.0125456,
  categoryCode: 'trat-tu-xa-hoi',
  subcategory: 'Trộm cắp tài sản',
  source: null,
  reference: null,
};

describe('incidentDedupKey', () => {
  it('is a whole number below 2^53, the same for the same incident', () => {
    const key = incidentDedupKey(theft);
    expect(Number.isSafeInteger(key)).toBe(true);
    expect(key).toBeGreaterThanOrEqual(0);
    expect(incidentDedupKey({ ...theft })).toBe(incidentDedupKey(theft));
  });

  it('keys incidents without a case number by time, place to 6 decimals, category and subcategory', () => {
    const key = incidentDedupKey(theft);
    // Beyond the sixth decimal (about 11 cm) is the same place.
    expect(incidentDedupKey({ ...theft, longitude: 105.0809124, latitude: 10.0125459 })).toBe(key);
    expect(incidentDedupKey({ ...theft, longitude: 105.080913 })).not.toBe(key);
    expect(incidentDedupKey({ ...theft, occurredAt: '2024-03-05T22:31:00' })).not.toBe(key);
    expect(incidentDedupKey({ ...theft, categoryCode: 'ma-tuy' })).not.toBe(key);
    expect(incidentDedupKey({ ...theft, subcategory: null })).not.toBe(key);
    // Source alone does not tell incidents apart when there is no case number.
    expect(incidentDedupKey({ ...theft, source: 'Công an tỉnh An Giang' })).toBe(key);
  });

  it('keys incidents with a case number by source and number only', () => {
    const numbered = { ...theft, source: 'Công an tỉnh An Giang', reference: '12/2024' };
    const key = incidentDedupKey(numbered);
    expect(incidentDedupKey({ ...numbered, longitude: 105.5, occurredAt: '2024-03-06T00:00:00' })).toBe(key);
    expect(incidentDedupKey({ ...numbered, reference: ' 12/2024 ' })).toBe(key);
    expect(incidentDedupKey({ ...numbered, reference: '13/2024' })).not.toBe(key);
    expect(incidentDedupKey({ ...numbered, source: 'Công an thành phố Cần Thơ' })).not.toBe(key);
    expect(incidentDedupKey({ ...numbered, source: null })).not.toBe(key);
    // A blank reference is no reference.
    expect(incidentDedupKey({ ...theft, reference: '  ' })).toBe(incidentDedupKey(theft));
  });

  it('writes -0 and tiny negatives like 0', () => {
    const atZero = { ...theft, longitude: 0, latitude: 0 };
    expect(incidentDedupKey({ ...atZero, longitude: -0, latitude: -1e-9 })).toBe(incidentDedupKey(atZero));
  });

  it('gives 200,000 different incidents 200,000 different keys', () => {
    const random = seededRandom(20240305);
    const keys = new Set<number>();
    for (let index = 0; index < 200_000; index++) {
      keys.add(
        incidentDedupKey({
          ...theft,
          occurredAt: `2024-03-${String(1 + (index % 28)).padStart(2, '0')}T22:30:00`,
          longitude: 104 + random() * 2,
          latitude: 9 + random() * 2,
          reference: index % 2 === 0 ? null : `${index}/2024`,
        }),
      );
    }
    expect(keys.size).toBe(200_000);
  });

  it('makes a million keys in about a second at most', () => {
    const incidents = Array.from({ length: 1000 }, (_, index) => ({
      ...theft,
      longitude: 105 + index * 1e-4,
      reference: index % 3 === 0 ? `JD${456735 + index}` : null,
    }));
    const start = performance.now();
    let checksum = 0;
    for (let round = 0; round < 1000; round++) {
      for (const incident of incidents) checksum += incidentDedupKey(incident) % 7;
    }
    const elapsed = performance.now() - start;
    expect(checksum).toBeGreaterThanOrEqual(0);
    // Well under a second on a quiet machine; the bound is loose because test machines are shared.
    expect(elapsed).toBeLessThan(5000);
  });

  it('tells whether two incidents are the same by the rule of the key', () => {
    expect(sameIncidentIdentity(theft, { ...theft, longitude: 105.0809124, source: 'Công an' })).toBe(true);
    expect(sameIncidentIdentity(theft, { ...theft, occurredAt: '2024-03-05T22:31:00' })).toBe(false);
    expect(sameIncidentIdentity(theft, { ...theft, subcategory: null })).toBe(false);
    const numbered = { ...theft, source: 'Công an tỉnh An Giang', reference: '12/2024' };
    expect(sameIncidentIdentity(numbered, { ...numbered, longitude: 106, reference: ' 12/2024' })).toBe(true);
    expect(sameIncidentIdentity(numbered, { ...numbered, source: null })).toBe(false);
    expect(sameIncidentIdentity(numbered, theft)).toBe(false);
  });
});
