import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateTimeReader, detectDateOrder, parseIncidentDateTime } from './parse-incident-date';

describe('detectDateOrder', () => {
  it('finds month-first in the US samples and day-first in Vietnamese files', () => {
    expect(
      detectDateOrder(['12/11/2020 11:45:00 PM', '08/09/2020 08:30:00 PM', '03/18/2020 12:03:00 AM']),
    ).toBe('month-first');
    expect(detectDateOrder(['05/03/2024', '25/12/2024 22:30', null, 45360])).toBe('day-first');
    expect(detectDateOrder(['23h45 ngày 25/12/2024'])).toBe('day-first');
  });

  it('defaults to day-first, the way Vietnam writes dates, when nothing tells', () => {
    expect(detectDateOrder([])).toBe('day-first');
    expect(detectDateOrder(['01/02/2024', '2024-12-25', 44176, new Date(2024, 0, 1)])).toBe('day-first');
  });

  it('follows the majority when a few values disagree', () => {
    expect(detectDateOrder(['12/13/2020', '12/14/2020', '13/12/2020'])).toBe('month-first');
    expect(detectDateOrder(['13/12/2020', '12/13/2020'])).toBe('day-first');
  });
});

describe('parseIncidentDateTime', () => {
  const golden: [unknown, unknown, 'day-first' | 'month-first', string | null][] = [
    // US exports (Chicago), 12-hour clock.
    ['12/11/2020 11:45:00 PM', null, 'month-first', '2020-12-11T23:45:00'],
    ['03/18/2020 12:03:00 AM', null, 'month-first', '2020-03-18T00:03:00'],
    ['03/18/2020 12:30:00 PM', null, 'month-first', '2020-03-18T12:30:00'],
    ['3/8/20 1:05 pm', null, 'month-first', '2020-03-08T13:05:00'],
    // Vietnamese day-first text.
    ['11/12/2020', null, 'day-first', '2020-12-11T00:00:00'],
    ['11-12-2020', null, 'day-first', '2020-12-11T00:00:00'],
    ['11.12.2020 23:45', null, 'day-first', '2020-12-11T23:45:00'],
    ['1/2/24', null, 'day-first', '2024-02-01T00:00:00'],
    ['01/02/1999', null, 'day-first', '1999-02-01T00:00:00'],
    ['15/04/2021 08:05:09 SA', null, 'day-first', '2021-04-15T08:05:09'],
    ['15/04/2021 08:05 CH', null, 'day-first', '2021-04-15T20:05:00'],
    ['23h45 ngày 11/12/2020', null, 'day-first', '2020-12-11T23:45:00'],
    ["Khoảng 23h45' ngày 11/12/2020", null, 'day-first', '2020-12-11T23:45:00'],
    ['11/12/2020 lúc 9 giờ 30 phút', null, 'day-first', '2020-12-11T09:30:00'],
    ['Ngày 11 tháng 12 năm 2020', null, 'day-first', '2020-12-11T00:00:00'],
    ['22 giờ ngày 11 tháng 12 năm 2020', null, 'day-first', '2020-12-11T22:00:00'],
    // ISO 8601 and its relatives.
    ['2020-12-11', null, 'month-first', '2020-12-11T00:00:00'],
    ['2020-12-11T23:45', null, 'day-first', '2020-12-11T23:45:00'],
    ['2020-12-11 23:45:10', null, 'day-first', '2020-12-11T23:45:10'],
    ['2020-12-11T23:45:10.250', null, 'day-first', '2020-12-11T23:45:10'],
    ['2020/12/11 10:00', null, 'day-first', '2020-12-11T10:00:00'],
    ['2020-12-11 11:45 PM', null, 'day-first', '2020-12-11T23:45:00'],
    // A zone names an instant, shown in Vietnam time (UTC+7).
    ['2020-12-11T23:45:00Z', null, 'day-first', '2020-12-12T06:45:00'],
    ['2020-12-11T23:45:00+07:00', null, 'day-first', '2020-12-11T23:45:00'],
    ['2020-12-11T23:45:00.000-0500', null, 'day-first', '2020-12-12T11:45:00'],
    ['2020-12-11 08:00 GMT+7', null, 'day-first', '2020-12-11T08:00:00'],
    ['2020-12-31T20:00:00+00:00', null, 'day-first', '2021-01-01T03:00:00'],
    // Excel serial numbers (days since 1899-12-30), as numbers or text.
    [44176, null, 'day-first', '2020-12-11T00:00:00'],
    [44176.75, null, 'day-first', '2020-12-11T18:00:00'],
    ['44176.5', null, 'month-first', '2020-12-11T12:00:00'],
    [45360.9999999, null, 'day-first', '2024-03-10T00:00:00'],
    // yyyymmdd (DBF dates read as numbers) and milliseconds since 1970.
    [20201211, null, 'day-first', '2020-12-11T00:00:00'],
    ['20201211', null, 'day-first', '2020-12-11T00:00:00'],
    [Date.UTC(2020, 11, 11, 16, 45), null, 'day-first', '2020-12-11T23:45:00'],
    // Separate time columns.
    ['11/12/2020', '23:45', 'day-first', '2020-12-11T23:45:00'],
    ['11/12/2020', '23:45:10', 'day-first', '2020-12-11T23:45:10'],
    ['11/12/2020', '23h45', 'day-first', '2020-12-11T23:45:00'],
    ['11/12/2020', '23h', 'day-first', '2020-12-11T23:00:00'],
    ['11/12/2020', '9g30', 'day-first', '2020-12-11T09:30:00'],
    ['11/12/2020', '23 giờ 45 phút', 'day-first', '2020-12-11T23:45:00'],
    ['11/12/2020', '11:45 PM', 'day-first', '2020-12-11T23:45:00'],
    ['11/12/2020', '12:10 a.m.', 'day-first', '2020-12-11T00:10:00'],
    ['11/12/2020', '11:45 CH', 'day-first', '2020-12-11T23:45:00'],
    ['11/12/2020', '9 giờ sáng', 'day-first', '2020-12-11T09:00:00'],
    ['11/12/2020', '3 giờ chiều', 'day-first', '2020-12-11T15:00:00'],
    ['11/12/2020', '8 giờ tối', 'day-first', '2020-12-11T20:00:00'],
    ['11/12/2020', '2345', 'day-first', '2020-12-11T23:45:00'],
    ['11/12/2020', 23, 'day-first', '2020-12-11T23:00:00'],
    ['11/12/2020', 0.75, 'day-first', '2020-12-11T18:00:00'],
    ['11/12/2020', '0.5', 'day-first', '2020-12-11T12:00:00'],
    ['11/12/2020', '1899-12-30 23:45:00', 'day-first', '2020-12-11T23:45:00'],
    ['11/12/2020', '', 'day-first', '2020-12-11T00:00:00'],
    ['11/12/2020 08:00', '23:45', 'day-first', '2020-12-11T23:45:00'],
    [44176, '23:45', 'day-first', '2020-12-11T23:45:00'],
    // Not dates, or impossible ones.
    ['31/02/2020', null, 'day-first', null],
    ['29/02/2023', null, 'day-first', null],
    ['29/02/2024', null, 'day-first', '2024-02-29T00:00:00'],
    ['13/13/2020', null, 'day-first', null],
    ['12/25/2020', null, 'day-first', null],
    ['25/12/2020', null, 'month-first', null],
    ['2020-02-30', null, 'day-first', null],
    ['11/12/2020 25:00', null, 'day-first', null],
    ['11/12/2020 13:00 PM', null, 'day-first', '2020-12-11T13:00:00'],
    ['11/12/2020', '22 giờ tối', 'day-first', '2020-12-11T22:00:00'],
    ['11/12/2020', '15 giờ sáng', 'day-first', null],
    ['11/12/2020', '0:30 PM', 'day-first', null],
    [`11/12/2020 ${'ghi chú '.repeat(20)}`, null, 'day-first', null],
    ['11/12/2020', '24:00', 'day-first', null],
    ['11/12/2020', '23:60', 'day-first', null],
    ['11/12/2020', 'sáng', 'day-first', null],
    ['11/12/2020', 'abc', 'day-first', null],
    ['11/12/2020', 1.5e9, 'day-first', null],
    ['2020-12-11T10:00+15:00', null, 'day-first', null],
    ['2020', null, 'day-first', null],
    [2020, null, 'day-first', null],
    [5, null, 'day-first', null],
    ['hôm qua', null, 'day-first', null],
    ['', '23:45', 'day-first', null],
    [null, null, 'day-first', null],
    [undefined, null, 'day-first', null],
    [true, null, 'day-first', null],
    [{ year: 2020 }, null, 'day-first', null],
    [Number.NaN, null, 'day-first', null],
    [new Date(Number.NaN), null, 'day-first', null],
    ['01/01/1899', null, 'day-first', null],
  ];

  it.each(golden)('reads %j with time %j (%s) as %s', (date, time, order, expected) => {
    expect(parseIncidentDateTime(date, time, order)).toBe(expected);
  });

  it('gives the same answers through a per-file reader, read cold and again from what it kept', () => {
    const readers = {
      'day-first': dateTimeReader('day-first'),
      'month-first': dateTimeReader('month-first'),
    };
    for (const round of [1, 2]) {
      for (const [date, time, order, expected] of golden) {
        expect([round, date, time, readers[order](date, time)]).toEqual([round, date, time, expected]);
      }
    }
  });

  it('reads Date objects by their local calendar fields, as spreadsheet and DBF readers build them', () => {
    // parsedbf turns the DBF date 20120701 into new Date(2012, 6, 1): local midnight, whatever the zone.
    expect(parseIncidentDateTime(new Date(2012, 6, 1), null)).toBe('2012-07-01T00:00:00');
    expect(parseIncidentDateTime(new Date(2020, 11, 11, 23, 45, 10), null)).toBe('2020-12-11T23:45:10');
    // San Francisco's DBF "Time" field holds Excel's day 0: the time of day is all it can say.
    expect(parseIncidentDateTime(new Date(2012, 6, 1), new Date(1899, 11, 30, 18, 30))).toBe(
      '2012-07-01T18:30:00',
    );
  });

  it('defaults to day-first', () => {
    expect(parseIncidentDateTime('05/03/2024', null)).toBe('2024-03-05T00:00:00');
  });
});

const FIRST_DAY = Date.UTC(1930, 0, 1) / 86_400_000;
const LAST_DAY = Date.UTC(2099, 11, 31) / 86_400_000;

const two = (value: number) => String(value).padStart(2, '0');

interface Moment {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const moments = fc
  .record({ day: fc.integer({ min: FIRST_DAY, max: LAST_DAY }), second: fc.integer({ min: 0, max: 86_399 }) })
  .map(({ day, second }): Moment => {
    const date = new Date(day * 86_400_000);
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(second / 3600),
      minute: Math.floor(second / 60) % 60,
      second: second % 60,
    };
  });

function expected({ year, month, day, hour, minute, second }: Moment): string {
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}`;
}

function twelveHour(hour: number): [number, boolean] {
  return [hour % 12 === 0 ? 12 : hour % 12, hour >= 12];
}

/** Each supported way of writing a moment, with what it reads back as. */
const FORMATS: Record<string, (moment: Moment) => [unknown, unknown, 'day-first' | 'month-first', string]> = {
  iso: (m) => [
    `${m.year}-${two(m.month)}-${two(m.day)}T${two(m.hour)}:${two(m.minute)}:${two(m.second)}`,
    null,
    'day-first',
    expected(m),
  ],
  'iso with a space, no seconds': (m) => [
    `${m.year}-${two(m.month)}-${two(m.day)} ${two(m.hour)}:${two(m.minute)}`,
    null,
    'month-first',
    expected({ ...m, second: 0 }),
  ],
  'iso in UTC': (m) => {
    const vietnam = new Date(
      Date.UTC(m.year, m.month - 1, m.day, m.hour, m.minute, m.second) + 7 * 3_600_000,
    );
    const local: Moment = {
      year: vietnam.getUTCFullYear(),
      month: vietnam.getUTCMonth() + 1,
      day: vietnam.getUTCDate(),
      hour: vietnam.getUTCHours(),
      minute: vietnam.getUTCMinutes(),
      second: vietnam.getUTCSeconds(),
    };
    return [
      `${m.year}-${two(m.month)}-${two(m.day)}T${two(m.hour)}:${two(m.minute)}:${two(m.second)}Z`,
      null,
      'day-first',
      local.year > 2099 ? 'skip' : expected(local),
    ];
  },
  'dd/mm/yyyy HH:mm:ss': (m) => [
    `${two(m.day)}/${two(m.month)}/${m.year} ${two(m.hour)}:${two(m.minute)}:${two(m.second)}`,
    null,
    'day-first',
    expected(m),
  ],
  'mm/dd/yyyy hh:mm:ss AM': (m) => {
    const [hour, afternoon] = twelveHour(m.hour);
    return [
      `${two(m.month)}/${two(m.day)}/${m.year} ${two(hour)}:${two(m.minute)}:${two(m.second)} ${afternoon ? 'PM' : 'AM'}`,
      null,
      'month-first',
      expected(m),
    ];
  },
  'd-m-yyyy with a time column HHhMM': (m) => [
    `${m.day}-${m.month}-${m.year}`,
    `${m.hour}h${two(m.minute)}`,
    'day-first',
    expected({ ...m, second: 0 }),
  ],
  'dd.mm.yyyy with a time column h:mm SA/CH': (m) => {
    const [hour, afternoon] = twelveHour(m.hour);
    return [
      `${two(m.day)}.${two(m.month)}.${m.year}`,
      `${hour}:${two(m.minute)} ${afternoon ? 'CH' : 'SA'}`,
      'day-first',
      expected({ ...m, second: 0 }),
    ];
  },
  'Vietnamese time then date': (m) => [
    `${m.hour}h${two(m.minute)} ngày ${m.day}/${m.month}/${m.year}`,
    null,
    'day-first',
    expected({ ...m, second: 0 }),
  ],
  'Excel serial with a fraction': (m) => {
    const days = (Date.UTC(m.year, m.month - 1, m.day) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const serial = days + (m.hour * 3600 + m.minute * 60 + m.second) / 86_400;
    return [serial, null, 'day-first', expected(m)];
  },
  'Excel serial with a time column fraction': (m) => {
    const days = (Date.UTC(m.year, m.month - 1, m.day) - Date.UTC(1899, 11, 30)) / 86_400_000;
    return [days, (m.hour * 3600 + m.minute * 60 + m.second) / 86_400, 'month-first', expected(m)];
  },
  'Date object': (m) => {
    // Daylight-saving gaps (where the zone has them) fall between midnight and 03:00, and before 1980 some
    // zones moved their clocks at other hours: keep to times every zone has.
    const moment = { ...m, year: Math.max(m.year, 1980), hour: Math.max(m.hour, 4) };
    return [
      new Date(moment.year, moment.month - 1, moment.day, moment.hour, moment.minute, moment.second),
      null,
      'month-first',
      expected(moment),
    ];
  },
};

describe('parseIncidentDateTime, round trips', () => {
  for (const [name, format] of Object.entries(FORMATS)) {
    it(`reads back any moment written as ${name}`, () => {
      fc.assert(
        fc.property(moments, (moment) => {
          const [date, time, order, wanted] = format(moment);
          if (wanted === 'skip') return;
          expect(parseIncidentDateTime(date, time, order)).toBe(wanted);
          expect(dateTimeReader(order)(date, time)).toBe(wanted);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.constantFrom('day-first', 'month-first'),
        (date, time, order) => {
          const result = parseIncidentDateTime(date, time, order as 'day-first' | 'month-first');
          expect(result === null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(result)).toBe(true);
        },
      ),
    );
  });

  it('never throws on strings shaped like dates, and the per-file reader agrees', () => {
    const reader = dateTimeReader('day-first');
    const dateLike = fc.stringMatching(
      /^[0-9]{1,4}[/.\- ][0-9]{1,4}[/.\- ][0-9]{1,4}( [0-9]{1,2}[:h][0-9]{0,2}( ?(AM|PM|SA|CH))?)?$/,
    );
    fc.assert(
      fc.property(dateLike, fc.option(fc.string()), (date, time) => {
        const result = parseIncidentDateTime(date, time, 'day-first');
        expect(result === null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(result)).toBe(true);
        expect(reader(date, time)).toBe(result);
      }),
    );
  });
});
