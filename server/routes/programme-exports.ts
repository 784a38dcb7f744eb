import { Hono } from 'hono';
import { z } from 'zod';
import { findUnit, type UnitRecord } from '../db/queries/units';
import { scopeCovers } from '../domain/access/scope';
import { bilingual } from '../domain/bilingual';
import { isIsoDate } from '../domain/dates/calendar-date';
import { foldText } from '../domain/text/fold-text';
import { CHROMIUM_PATH, chromiumAvailable } from '../services/headless-chromium';
import {
  CONTENT_TYPES,
  contentDisposition,
  PROGRAMME_LIST_FORMATS,
  type ProgrammeList,
  programmeListCsv,
  programmeListFileNames,
  programmeListPdf,
  programmeListXlsx,
} from '../services/programme-list-export';
import { type AppEnv, accountOf, audit, outOfScope, permit } from './access';
import { ApiError } from './api-error';
import { type AppContext, requireEra } from './context';
import { dateField, eraField, PROGRAMME_EXPECTATIONS, unitField, yearField } from './programme-helpers';
import { validBody, validQuery } from './query-validation';
import { invalidInput } from './record-helpers';

/** The longest list taken: a province has a few hundred communes. */
const MAXIMUM_COMMUNES = 2000;

const optionalText = (maximum: number) =>
  z
    .string()
    .trim()
    .max(maximum)
    .transform((text) => (text === '' ? null : text))
    .nullable()
    .optional();

const exportQuery = z.object({ format: z.enum(PROGRAMME_LIST_FORMATS) });

const exportBody = z
  .object({
    era: eraField.optional(),
    year: yearField,
    communes: z
      .array(
        z
          .object({ code: unitField, justification: z.string().trim().max(2000).nullable().optional() })
          .strict(),
      )
      .min(1)
      .max(MAXIMUM_COMMUNES),
    decision: z
      .object({
        number: z.string().trim().min(1).max(60),
        date: dateField.refine(isIsoDate),
        signer: optionalText(200),
        title: optionalText(500),
      })
      .strict()
      .nullable()
      .optional(),
    province: optionalText(100),
  })
  .strict();

const EXPECTATIONS = {
  ...PROGRAMME_EXPECTATIONS,
  format: bilingual('csv, xlsx hoặc pdf', 'csv, xlsx or pdf'),
  era: bilingual('nhãn một thời kỳ ranh giới', 'the label of a boundary era'),
  communes: bilingual(
    `danh sách 1 đến ${MAXIMUM_COMMUNES} xã {code, justification?}, lý do tối đa 2000 ký tự`,
    `a list of 1 to ${MAXIMUM_COMMUNES} communes {code, justification?}, reasons of at most 2000 characters`,
  ),
  decision: bilingual(
    '{number, date: YYYY-MM-DD, signer?, title?} của quyết định',
    "the decision's {number, date: YYYY-MM-DD, signer?, title?}",
  ),
  province: bilingual('tên tỉnh, tối đa 100 ký tự', 'a province name of at most 100 characters'),
};

export function chromiumMissing(): ApiError {
  return new ApiError(
    503,
    'chromium_missing',
    bilingual(
      `Không tạo được PDF: máy chủ chưa có Chromium tại ${CHROMIUM_PATH}. Quản trị viên cài bằng "apt-get install chromium" (Debian/Ubuntu) hoặc đặt biến môi trường DIABAN_CHROMIUM chỉ đến Chromium; tệp CSV và XLSX vẫn tải được`,
      `The PDF cannot be made: the server has no Chromium at ${CHROMIUM_PATH}. An administrator installs it with "apt-get install chromium" (Debian/Ubuntu) or sets DIABAN_CHROMIUM to a Chromium; CSV and XLSX still download`,
    ),
  );
}

/**
 * POST /api/programme/list-export?format=csv|xlsx|pdf: the planner's list of communes for a year, each with
 * the reason it was chosen, as a download: CSV or XLSX, or the decision annex as a PDF. A POST because the
 * list is the planner's, not yet stored. Every commune must lie in the account's area.
 */
export function programmeExportRoutes(context: AppContext) {
  const canRead = permit(context, 'programme:read');
  const { database } = context;

  return new Hono<AppEnv>().post(
    '/list-export',
    canRead,
    validQuery(exportQuery, EXPECTATIONS),
    validBody(exportBody, EXPECTATIONS),
    async (c) => {
      const { format } = c.req.valid('query');
      const body = c.req.valid('json');
      const era = requireEra(context, body.era);

      const seen = new Set<string>();
      const duplicated: string[] = [];
      const unknown: string[] = [];
      const units: UnitRecord[] = [];
      for (const commune of body.communes) {
        if (seen.has(commune.code)) duplicated.push(commune.code);
        seen.add(commune.code);
        const unit = findUnit(database, [era.id], 'commune', commune.code);
        if (unit) units.push(unit);
        else unknown.push(commune.code);
      }
      const listed = (codes: string[]) =>
        codes
          .slice(0, 20)
          .map((code) => `"${code}"`)
          .join(', ') + (codes.length > 20 ? ` (+${codes.length - 20})` : '');
      if (unknown.length > 0) {
        throw invalidInput(
          bilingual(
            `Thời kỳ "${era.label}" không có xã mã ${listed(unknown)}`,
            `Era "${era.label}" has no commune with code ${listed(unknown)}`,
          ),
        );
      }
      if (duplicated.length > 0) {
        throw invalidInput(
          bilingual(
            `Xã mã ${listed(duplicated)} có hơn một lần trong danh sách`,
            `The commune ${listed(duplicated)} is in the list more than once`,
          ),
        );
      }
      const scope = accountOf(c).scope;
      const outside = units.find((unit) => !scopeCovers(scope, unit));
      if (outside) throw outOfScope(c, context, `programme-list-export ${era.label}/${outside.code}`);

      // The committee is the province's: named in the body, else the one province of the communes.
      const provinces = [...new Set(units.map((unit) => unit.provinceName ?? ''))].filter(
        (name) => name !== '',
      );
      const provinceKey = (name: string) => foldText(name).replace(/^(tinh|thanh pho|tp) /, '');
      if (
        body.province &&
        !provinces.some((name) => provinceKey(name) === provinceKey(body.province ?? ''))
      ) {
        throw invalidInput(
          bilingual(
            `Tỉnh "${body.province}" không phải tỉnh của các xã trong danh sách (${provinces.join(', ')})`,
            `"${body.province}" is not the province of the listed communes (${provinces.join(', ')})`,
          ),
        );
      }
      const list: ProgrammeList = {
        year: body.year,
        province: body.province ?? (provinces.length === 1 ? (provinces[0] as string) : null),
        decision: body.decision
          ? {
              number: body.decision.number,
              date: body.decision.date,
              signer: body.decision.signer ?? null,
              title: body.decision.title ?? null,
            }
          : null,
        rows: units.map((unit, index) => ({
          code: unit.code,
          name: unit.fullName,
          kind: unit.kind,
          district: unit.districtName,
          province: unit.provinceName,
          justification: body.communes[index]?.justification ?? '',
        })),
      };
      if (format === 'pdf' && list.province === null) {
        throw invalidInput(
          bilingual(
            'Các xã thuộc nhiều tỉnh: cần ghi tỉnh (province) của Ban Chỉ đạo ban hành danh sách',
            'The communes lie in several provinces: name the province (province) whose committee issues the list',
          ),
        );
      }
      if (format === 'pdf' && !chromiumAvailable()) throw chromiumMissing();

      // A copy into a plain ArrayBuffer, which Hono's body types ask for (a few hundred KB at most).
      const content =
        format === 'csv'
          ? programmeListCsv(list)
          : new Uint8Array(format === 'xlsx' ? await programmeListXlsx(list) : await programmeListPdf(list));
      audit(c, context, {
        action: 'programme.list.export',
        target: `programme-list:${body.year}`,
        after: {
          format,
          era: era.label,
          communes: list.rows.length,
          decision: list.decision?.number ?? null,
        },
      });
      return c.body(content, 200, {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': contentDisposition(programmeListFileNames(list, format)),
        'Cache-Control': 'no-store',
      });
    },
  );
}
