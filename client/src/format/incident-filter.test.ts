import { describe, expect, it } from 'vitest';
import {
  addDays,
  DEFAULT_INCIDENT_VIEW,
  filterParameters,
  formatMonthKey,
  formatOccurredAt,
  type IncidentViewState,
  parseIncidentViewState,
  reportingMonthCount,
  reportingMonthKey,
  reportingMonthsEndingAt,
  reportingYearOf,
  resolvePeriod,
  serialiseIncidentViewState,
} from './incident-filter';

const preset = (period: IncidentViewState['filter']['period']) => ({ period, from: null, to: null });

describe('date presets', () => {
  it('runs the current reporting month from the 15th to today', () => {
    expect(resolvePeriod(preset('reporting-month'), '2025-03-20')).toEqual({
      from: '2025-03-15',
      to: '2025-03-20',
    });
    expect(resolvePeriod(preset('reporting-month'), '2025-03-14')).toEqual({
      from: '2025-02-15',
      to: '2025-03-14',
    });
    // The January reporting month starts on 15 December of the year before.
    expect(resolvePeriod(preset('reporting-month'), '2025-01-03')).toEqual({
      from: '2024-12-15',
      to: '2025-01-03',
    });
  });

  it('runs the current reporting year from 15/12 to today', () => {
    expect(resolvePeriod(preset('reporting-year'), '2025-06-01')).toEqual({
      from: '2024-12-15',
      to: '2025-06-01',
    });
    expect(resolvePeriod(preset('reporting-year'), '2025-12-20')).toEqual({
      from: '2025-12-15',
      to: '2025-12-20',
    });
    expect(reportingYearOf('2025-12-14')).toBe(2025);
    expect(reportingYearOf('2025-12-15')).toBe(2026);
  });

  it('counts the last N days with today included', () => {
    expect(resolvePeriod(preset('last-7-days'), '2025-03-01')).toEqual({
      from: '2025-02-23',
      to: '2025-03-01',
    });
    // February 2024 has 29 days.
    expect(resolvePeriod(preset('last-30-days'), '2024-03-01')).toEqual({
      from: '2024-02-01',
      to: '2024-03-01',
    });
    expect(resolvePeriod(preset('last-90-days'), '2025-01-01').from).toBe('2024-10-04');
  });

  it('takes a custom window as it is', () => {
    expect(resolvePeriod({ period: 'custom', from: '2024-01-01', to: '2024-06-30' }, '2025-01-01')).toEqual({
      from: '2024-01-01',
      to: '2024-06-30',
    });
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});

describe('reporting months', () => {
  it('names a date by its reporting month', () => {
    expect(reportingMonthKey('2025-04-14')).toBe('2025-04');
    expect(reportingMonthKey('2025-04-15')).toBe('2025-05');
    expect(reportingMonthKey('2025-12-15')).toBe('2026-01');
    expect(formatMonthKey('2026-01')).toBe('01/2026');
  });

  it('counts the reporting months a window touches', () => {
    expect(reportingMonthCount({ from: '2024-12-15', to: '2025-12-14' })).toBe(12);
    expect(reportingMonthCount({ from: '2025-03-15', to: '2025-03-20' })).toBe(1);
    expect(reportingMonthCount({ from: '2025-03-10', to: '2025-03-20' })).toBe(2);
  });

  it('finds the start of N whole reporting months ending at a date', () => {
    expect(reportingMonthsEndingAt('2025-03-20', 24)).toEqual({ from: '2023-04-15', to: '2025-03-20' });
    expect(reportingMonthsEndingAt('2025-01-10', 1)).toEqual({ from: '2024-12-15', to: '2025-01-10' });
    expect(reportingMonthsEndingAt('2025-01-10', 2)).toEqual({ from: '2024-11-15', to: '2025-01-10' });
  });
});

describe('the filter in the URL', () => {
  const full: IncidentViewState = {
    filter: {
      period: 'custom',
      from: '2025-01-01',
      to: '2025-03-31',
      categories: ['ma-tuy', 'danh-bac'],
      severities: ['nghiem-trong', 'it-nghiem-trong'],
      cleared: 'no',
    },
    measure: 'per1000',
    method: 'natural-breaks',
    classCount: 7,
  };

  it('round-trips a full filter', () => {
    const query = serialiseIncidentViewState(full);
    expect(query).toEqual({
      period: 'custom',
      from: '2025-01-01',
      to: '2025-03-31',
      categories: 'ma-tuy,danh-bac',
      severities: 'it-nghiem-trong,nghiem-trong',
      cleared: 'no',
      measure: 'per1000',
      method: 'natural-breaks',
      classes: '7',
    });
    expect(parseIncidentViewState(query)).toEqual({
      ...full,
      filter: { ...full.filter, severities: ['it-nghiem-trong', 'nghiem-trong'] },
    });
  });

  it('leaves the defaults out of the URL', () => {
    expect(serialiseIncidentViewState(DEFAULT_INCIDENT_VIEW)).toEqual({});
    expect(parseIncidentViewState({})).toEqual(DEFAULT_INCIDENT_VIEW);
  });

  it('drops what makes no sense', () => {
    const parsed = parseIncidentViewState({
      period: 'fortnight',
      categories: 'ma-tuy,<script>,ma-tuy',
      severities: 'nghiem-trong,awful',
      cleared: 'maybe',
      measure: 'perHectare',
      method: 'random',
      classes: '12',
    });
    expect(parsed.filter).toMatchObject({ period: 'reporting-year', categories: ['ma-tuy'] });
    expect(parsed.filter.severities).toEqual(['nghiem-trong']);
    expect(parsed.filter.cleared).toBe('all');
    expect(parsed).toMatchObject({ measure: 'count', method: 'quantile', classCount: 5 });
  });

  it('needs both custom dates, real and in order', () => {
    expect(parseIncidentViewState({ period: 'custom', from: '2025-01-01' }).filter.period).toBe(
      'reporting-year',
    );
    expect(
      parseIncidentViewState({ period: 'custom', from: '2025-02-30', to: '2025-03-01' }).filter.period,
    ).toBe('reporting-year');
    expect(
      parseIncidentViewState({ period: 'custom', from: '2025-03-01', to: '2025-01-01' }).filter.period,
    ).toBe('reporting-year');
    // Dates without the custom period are the preset's business.
    expect(parseIncidentViewState({ from: '2025-01-01', to: '2025-02-01' }).filter).toMatchObject({
      period: 'reporting-year',
      from: null,
      to: null,
    });
  });

  it('gives the API its parameters', () => {
    expect(filterParameters(full.filter, '2026-01-01')).toEqual({
      from: '2025-01-01',
      to: '2025-03-31',
      categories: 'ma-tuy,danh-bac',
      severities: 'nghiem-trong,it-nghiem-trong',
      cleared: 'no',
    });
    expect(filterParameters(DEFAULT_INCIDENT_VIEW.filter, '2025-06-01')).toEqual({
      from: '2024-12-15',
      to: '2025-06-01',
    });
  });
});

describe('incident times', () => {
  it('writes the stored wall-clock time as dd/mm/yyyy HH:mm', () => {
    expect(formatOccurredAt('2025-03-05T21:30:00')).toBe('05/03/2025 21:30');
    expect(formatOccurredAt('2025-03-05')).toBe('05/03/2025');
    expect(formatOccurredAt('yesterday')).toBe('yesterday');
  });
});
