import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncidentIndexRow, StatisticsUnit } from '../db/queries/incident-statistics';
import { dateOfDayNumber, dayNumber } from '../domain/dates/day-number';
import { reportingMonthsEndingWith } from '../domain/dates/reporting-months';
import { SEVERITIES } from '../domain/incidents/incident-taxonomy';
import { buildIncidentColumns, buildUnitColumn, EraIncidents, type IncidentFilter } from './incident-cube';

const CATEGORIES = ['ma-tuy', 'danh-bac', 'trat-tu-xa-hoi'];
const UNITS: StatisticsUnit[] = ['90001', '90002', '90003', '90004'].map((code, index) => ({
  id: 101 + index,
  code,
  areaKm2: 30,
  population: null,
  provinceCode: '90',
  provinceName: index < 3 ? 'Tỉnh Thử Nghiệm' : 'Tỉnh Bên Cạnh',
}));
const FIRST_DAY = dayNumber('2023-12-01');
const DAYS = 200;

interface Incident {
  id: number;
  day: number;
  second: number;
  category: string;
  severity: string | null;
  cleared: boolean | null;
  /** Index into UNITS, -1 outside. */
  unit: number;
  longitude: number;
  latitude: number;
}

const incidentArbitrary = fc.record({
  day: fc.integer({ min: FIRST_DAY, max: FIRST_DAY + DAYS }),
  // Few distinct seconds, so that ties in time are common.
  second: fc.constantFrom(0, 1, 3600, 86_399),
  category: fc.constantFrom(...CATEGORIES),
  severity: fc.constantFrom(null, ...SEVERITIES),
  cleared: fc.constantFrom(null, true, false),
  unit: fc.integer({ min: -1, max: UNITS.length - 1 }),
  longitude: fc.double({ min: 105, max: 106, noNaN: true }),
  latitude: fc.double({ min: 10, max: 11, noNaN: true }),
});

const dateArbitrary = fc.option(
  fc.integer({ min: FIRST_DAY - 5, max: FIRST_DAY + DAYS + 5 }).map(dateOfDayNumber),
);

const filterArbitrary: fc.Arbitrary<IncidentFilter> = fc.record({
  from: dateArbitrary,
  to: dateArbitrary,
  categories: fc.subarray(CATEGORIES),
  severities: fc.subarray([...SEVERITIES]),
  cleared: fc.constantFrom(null, true, false),
  units: fc.option(fc.subarray([0, 1, 2, 3])),
});

/** Ids with gaps (deleted incidents), in id order as the database reads them. */
function withIds(records: Omit<Incident, 'id'>[]): Incident[] {
  return records.map((record, index) => ({ ...record, id: index * 2 + 1 }));
}

function view(incidents: Incident[]): EraIncidents {
  const rows: IncidentIndexRow[] = incidents.map((incident) => [
    incident.id,
    incident.day * 86_400 + incident.second,
    incident.category,
    incident.severity,
    incident.cleared === null ? null : incident.cleared ? 1 : 0,
    incident.longitude,
    incident.latitude,
  ]);
  const maximumId = incidents.reduce((maximum, incident) => Math.max(maximum, incident.id), 0);
  // The category order of the taxonomy; "danh-bac" is left out to be appended as met.
  const columns = buildIncidentColumns(rows, rows.length, maximumId, ['trat-tu-xa-hoi', 'ma-tuy']);
  const assigned = incidents.filter((incident) => incident.unit >= 0);
  const unitColumn = buildUnitColumn(columns, UNITS, {
    incidentIds: assigned.map((incident) => incident.id),
    unitIds: assigned.map((incident) => (UNITS[incident.unit] as StatisticsUnit).id),
  });
  return new EraIncidents(columns, UNITS, unitColumn);
}

function matches(incident: Incident, filter: IncidentFilter): boolean {
  const date = dateOfDayNumber(incident.day);
  return (
    (filter.from === null || date >= filter.from) &&
    (filter.to === null || date <= filter.to) &&
    (filter.categories.length === 0 || filter.categories.includes(incident.category)) &&
    (filter.severities.length === 0 ||
      (incident.severity !== null && filter.severities.includes(incident.severity))) &&
    (filter.cleared === null || incident.cleared === filter.cleared) &&
    (filter.units === null || filter.units.includes(incident.unit))
  );
}

/** Time order as the index keeps it: day, second, then id. */
function byTime(a: Incident, b: Incident): number {
  return a.day - b.day || a.second - b.second || a.id - b.id;
}

const property = (check: (incidents: Incident[], filter: IncidentFilter) => void) =>
  fc.assert(
    fc.property(fc.array(incidentArbitrary, { maxLength: 120 }), filterArbitrary, (records, filter) =>
      check(withIds(records), filter),
    ),
    { numRuns: 300 },
  );

describe('the incident index', () => {
  it('counts per unit and outside every unit as a plain count does', () => {
    property((incidents, filter) => {
      const { counts, outside } = view(incidents).countByUnit(filter);
      const kept = incidents.filter((incident) => matches(incident, filter));
      expect([...counts]).toEqual(
        UNITS.map((_, unit) => kept.filter((incident) => incident.unit === unit).length),
      );
      expect(outside).toBe(kept.filter((incident) => incident.unit < 0).length);
    });
  });

  it('counts per category in its own category order', () => {
    property((incidents, filter) => {
      const index = view(incidents);
      const counts = index.countByCategory(filter);
      const kept = incidents.filter((incident) => matches(incident, filter));
      for (const code of CATEGORIES) {
        const position = index.columns.categoryCodes.indexOf(code);
        const expected = kept.filter((incident) => incident.category === code).length;
        expect(position >= 0 ? counts[position] : 0).toBe(expected);
      }
      expect(index.columns.categoryCodes.slice(0, 2)).toEqual(['trat-tu-xa-hoi', 'ma-tuy']);
    });
  });

  it('counts per reporting month, and per unit and month', () => {
    property((incidents, filter) => {
      const index = view(incidents);
      const months = reportingMonthsEndingWith(dateOfDayNumber(FIRST_DAY + 150), 5);
      const totals = index.countByWindow(filter, months);
      const perUnit = index.countByWindow(filter, months, true);
      months.forEach((month, window) => {
        const kept = incidents.filter(
          (incident) =>
            matches(incident, filter) &&
            dateOfDayNumber(incident.day) >= month.from &&
            dateOfDayNumber(incident.day) <= month.to,
        );
        expect(totals[window]).toBe(kept.length);
        UNITS.forEach((_, unit) => {
          expect(perUnit[unit * months.length + window]).toBe(
            kept.filter((incident) => incident.unit === unit).length,
          );
        });
      });
    });
  });

  it('lists newest first, a page at a time, with the total', () => {
    fc.assert(
      fc.property(
        fc.array(incidentArbitrary, { maxLength: 120 }),
        filterArbitrary,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 30 }),
        (records, filter, offset, limit) => {
          const incidents = withIds(records);
          const index = view(incidents);
          const { total, positions } = index.list(filter, offset, limit);
          const expected = incidents
            .filter((incident) => matches(incident, filter))
            .sort(byTime)
            .reverse();
          expect(total).toBe(expected.length);
          expect(positions.map((position) => index.idAt(position))).toEqual(
            expected.slice(offset, offset + limit).map((incident) => incident.id),
          );
          expect(positions.map((position) => index.unitCodeAt(position))).toEqual(
            expected.slice(offset, offset + limit).map((incident) => UNITS[incident.unit]?.code ?? null),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives every point of the filter, oldest first, with its fields', () => {
    property((incidents, filter) => {
      const points = view(incidents).points(filter);
      const expected = incidents.filter((incident) => matches(incident, filter)).sort(byTime);
      expect(points).toEqual(
        expected.map((incident) => [
          incident.id,
          Math.round(incident.longitude * 1e6) / 1e6,
          Math.round(incident.latitude * 1e6) / 1e6,
          incident.category,
          incident.severity,
          incident.cleared,
          `${dateOfDayNumber(incident.day)}T${new Date(incident.second * 1000).toISOString().slice(11, 19)}`,
        ]),
      );
    });
  });

  it('finds the units a scope covers', () => {
    const index = view([]);
    expect(index.unitsInScope({ kind: 'all' })).toBeNull();
    expect(index.unitsInScope({ kind: 'communes', communes: ['90002', '90004'] })).toEqual([1, 3]);
    expect(index.unitsInScope({ kind: 'provinces', provinces: ['Tỉnh Bên Cạnh'] })).toEqual([3]);
    expect(index.countByUnit({ ...emptyFilter(), units: [] })).toEqual({
      counts: new Int32Array(4),
      outside: 0,
    });
  });
});

function emptyFilter(): IncidentFilter {
  return { from: null, to: null, categories: [], severities: [], cleared: null, units: null };
}
