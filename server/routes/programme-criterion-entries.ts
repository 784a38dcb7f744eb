import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import type { EraRecord } from '../db/queries/eras';
import { findCriteriaSet } from '../db/queries/programme';
import {
  type CriterionEntryRow,
  criterionEntryInForce,
  entriesInForce,
  insertCriterionEntry,
  listCriterionEntries,
} from '../db/queries/programme-criterion-entries';
import { bilingual } from '../domain/bilingual';
import {
  type CriteriaSet,
  type Criterion,
  criterionValuesProblems,
  defaultCriteriaSet,
} from '../domain/programme/criteria';
import { defaultWindow } from '../services/programme-candidates';
import { type AppEnv, accountOf, audit, permit } from './access';
import { type AppContext, requireEra, today } from './context';
import {
  eraField,
  eraOn,
  PROGRAMME_EXPECTATIONS,
  requireCommune,
  unitField,
  yearField,
  yearParameter,
} from './programme-helpers';
import { validBody, validQuery } from './query-validation';
import { invalidInput } from './record-helpers';

/** How many evidence references one entry may carry, and how long each may be. */
const MAXIMUM_EVIDENCE = 20;
const MAXIMUM_REFERENCE_LENGTH = 500;

const listQuery = z
  .object({ year: yearParameter.optional(), era: eraField.optional(), unit: unitField.optional() })
  .strict();

const entryBody = z
  .object({
    era: eraField.optional(),
    unit: unitField,
    year: yearField,
    criterion: z.string().trim().min(1).max(64),
    // JSON has no NaN or Infinity, and zod's number refuses them: a number here is finite.
    value: z.union([z.number(), z.boolean(), z.null()]).default(null),
    notApplicable: z.boolean().default(false),
    // Blank lines are dropped; at least one reference must remain.
    evidence: z
      .array(z.string().max(MAXIMUM_REFERENCE_LENGTH))
      .max(MAXIMUM_EVIDENCE)
      .transform((lines) => lines.map((line) => line.trim()).filter((line) => line !== ''))
      .pipe(z.array(z.string()).min(1)),
    note: z
      .string()
      .trim()
      .max(2000)
      .transform((text) => (text === '' ? null : text))
      .nullable()
      .default(null),
  })
  .strict();

const ENTRY_EXPECTATIONS = {
  ...PROGRAMME_EXPECTATIONS,
  criterion: bilingual(
    'mã một tiêu chí nhập tay của bộ tiêu chí năm đó',
    'the code of an entered criterion of the year’s set',
  ),
  value: bilingual(
    'có/không (true/false) hoặc một con số, tùy tiêu chí; null khi không áp dụng',
    'yes/no (true/false) or a number, as the criterion asks; null when not applicable',
  ),
  notApplicable: bilingual('true hoặc false', 'true or false'),
  evidence: bilingual(
    `danh sách 1 đến ${MAXIMUM_EVIDENCE} tài liệu chứng minh, mỗi tài liệu tối đa ${MAXIMUM_REFERENCE_LENGTH} ký tự, ví dụ "Biên bản số 12/BB-CAX ngày 03/11/2025"`,
    `a list of 1 to ${MAXIMUM_EVIDENCE} evidence references of at most ${MAXIMUM_REFERENCE_LENGTH} characters each, e.g. "Biên bản số 12/BB-CAX ngày 03/11/2025"`,
  ),
};

/** The year's criteria set in force: the latest stored version, else the published examples. */
function currentSet(context: AppContext, year: number): CriteriaSet {
  return findCriteriaSet(context.database, year)?.set ?? defaultCriteriaSet(year);
}

function criteriaOf(set: CriteriaSet): Map<string, Criterion> {
  return new Map(
    set.groups.flatMap((group) => group.criteria.map((criterion) => [criterion.code, criterion])),
  );
}

/**
 * /api/programme/criterion-entries: the values planners enter for a commune's entered criteria of a year
 * ("entered with evidence", issue 6), each with at least one evidence reference, kept as a history where
 * the latest is in force. Only entered criteria of the year's current set take values (computed ones come
 * from the data); the value's type follows the comparison; the commune must lie in the account's area.
 * Every entry is audited with its write.
 */
export function programmeCriterionEntryRoutes(context: AppContext) {
  const canRead = permit(context, 'programme:read');
  const canWrite = permit(context, 'programme:write');
  const { database } = context;

  /** The era a year's entries lie on when none is named: the one in force at its window so far. */
  const eraOfYear = (label: string | undefined, year: number): EraRecord => {
    // Dates compare as text: the earlier of the window's end and today.
    const asOf = [defaultWindow(database, year).to, today(context)].sort()[0] as string;
    return eraOn(context, label, asOf);
  };

  /** An entry as the API answers it, named after the criterion of its year's current set. */
  const view = (era: EraRecord, inForce: ReadonlySet<number>) => {
    const sets = new Map<number, Map<string, Criterion>>();
    const criteriaOfYear = (year: number) => {
      let criteria = sets.get(year);
      if (!criteria) {
        criteria = criteriaOf(currentSet(context, year));
        sets.set(year, criteria);
      }
      return criteria;
    };
    return (row: CriterionEntryRow) => {
      const criterion = criteriaOfYear(row.year).get(row.criterionCode);
      return {
        id: row.id,
        era: era.label,
        unit: { code: row.unitCode, name: row.unitName, fullName: row.unitFullName },
        year: row.year,
        criterion: {
          code: row.criterionCode,
          // A criterion since removed from the year's set keeps its code as its name.
          nameVi: criterion?.nameVi ?? row.criterionCode,
          nameEn: criterion?.nameEn ?? row.criterionCode,
          inCurrentSet: criterion !== undefined,
        },
        value: row.value,
        notApplicable: row.notApplicable,
        evidence: row.evidence,
        note: row.note,
        enteredAt: row.enteredAt,
        enteredBy: row.enteredBy,
        inForce: inForce.has(row.id),
      };
    };
  };

  const answer = (
    c: Context<AppEnv>,
    era: EraRecord,
    filter: { year?: number | undefined; unitCode?: string | undefined },
  ) => {
    const rows = listCriterionEntries(database, { eraId: era.id, ...filter, scope: accountOf(c).scope });
    const current = entriesInForce(rows);
    const toView = view(era, new Set(current.map((row) => row.id)));
    return {
      era: era.label,
      year: filter.year ?? null,
      unit: filter.unitCode ?? null,
      /** The value in force of each commune, year and criterion. */
      current: current.map(toView),
      /** Every entry, newest first, the ones in force included. */
      history: rows.map(toView),
    };
  };

  return new Hono<AppEnv>()
    .get('/', canRead, validQuery(listQuery, ENTRY_EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const era =
        query.year === undefined ? requireEra(context, query.era) : eraOfYear(query.era, query.year);
      if (query.unit) {
        requireCommune(c, context, era, query.unit, `programme-criterion-entries:${era.label}/${query.unit}`);
      }
      return c.json(answer(c, era, { year: query.year, unitCode: query.unit }));
    })
    .post('/', canWrite, validBody(entryBody, ENTRY_EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const era = eraOfYear(body.era, body.year);
      const target = `programme-criterion:${era.label}/${body.unit}/${body.year}/${body.criterion}`;
      const unit = requireCommune(c, context, era, body.unit, target);
      const set = currentSet(context, body.year);
      const criterion = criteriaOf(set).get(body.criterion);
      if (!criterion) {
        throw invalidInput(
          bilingual(
            `Bộ tiêu chí năm ${body.year} (phiên bản ${set.version}) không có tiêu chí "${body.criterion}"`,
            `The ${body.year} criteria set (version ${set.version}) has no criterion "${body.criterion}"`,
          ),
        );
      }
      if (criterion.kind !== 'entered') {
        throw invalidInput(
          bilingual(
            `Tiêu chí "${criterion.nameVi}" được tính từ dữ liệu, không nhập tay`,
            `The criterion "${criterion.nameEn}" is computed from the data and cannot be entered`,
          ),
        );
      }
      if (body.notApplicable && body.value !== null) {
        throw invalidInput(
          bilingual(
            'Tiêu chí không áp dụng thì không có giá trị: bỏ giá trị hoặc bỏ đánh dấu "không áp dụng"',
            'A criterion that does not apply takes no value: leave out the value or the "not applicable" mark',
          ),
        );
      }
      if (!body.notApplicable && body.value === null) {
        throw invalidInput(
          criterion.comparison === 'yes-no'
            ? bilingual(
                `Tiêu chí "${criterion.nameVi}" cần trả lời có hoặc không (hoặc đánh dấu không áp dụng)`,
                `The criterion "${criterion.nameEn}" needs a yes or no (or the "not applicable" mark)`,
              )
            : bilingual(
                `Tiêu chí "${criterion.nameVi}" cần một con số (hoặc đánh dấu không áp dụng)`,
                `The criterion "${criterion.nameEn}" needs a number (or the "not applicable" mark)`,
              ),
        );
      }
      const [problem] = criterionValuesProblems(set, { [criterion.code]: { value: body.value } });
      if (problem) throw invalidInput(problem);

      const entry = {
        eraId: era.id,
        unitCode: unit.code,
        year: body.year,
        criterionCode: criterion.code,
        value: body.value,
        notApplicable: body.notApplicable,
        evidence: body.evidence,
        note: body.note,
        enteredAt: context.now().toISOString(),
        enteredBy: accountOf(c).user.username,
      };
      const id = inTransaction(database, () => {
        const before = criterionEntryInForce(database, entry);
        const stored = insertCriterionEntry(database, entry);
        audit(c, context, {
          action: 'programme.criterion.enter',
          target,
          before: before
            ? { value: before.value, notApplicable: before.notApplicable, evidence: before.evidence }
            : null,
          after: {
            id: stored,
            value: entry.value,
            notApplicable: entry.notApplicable,
            evidence: entry.evidence,
            note: entry.note,
          },
        });
        return stored;
      });
      // The commune's entries of the year, with the one just stored.
      const result = answer(c, era, { year: body.year, unitCode: unit.code });
      return c.json({ entry: result.history.find((row) => row.id === id), ...result }, 201);
    });
}
