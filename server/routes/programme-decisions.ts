import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type Database, inTransaction } from '../db/database';
import {
  type DecisionRecord,
  decisionInScope,
  findDecision,
  findDecisionByNumber,
  findProvinceOfEra,
  insertDecision,
  listDecisions,
  provincesOfEra,
  setDecisionDocument,
} from '../db/queries/programme-cycles';
import { bilingual } from '../domain/bilingual';
import { isIsoDate } from '../domain/dates/calendar-date';
import { DECISION_KIND_NAMES, DECISION_KINDS } from '../domain/programme/cycle-status';
import { attachedFolder, DECISION_DOCUMENTS_FOLDER } from '../services/attached-folders';
import { type AppEnv, accountOf, audit, outOfScope, permit } from './access';
import { ApiError, notFound } from './api-error';
import { type AppContext, today } from './context';
import {
  conflict,
  dateField,
  eraField,
  eraOn,
  PROGRAMME_EXPECTATIONS,
  yearField,
  yearParameter,
} from './programme-helpers';
import { validBody, validQuery } from './query-validation';
import { invalidInput, missing, recordId } from './record-helpers';

/** The largest decision document taken: a scanned decision with its annex is a few MB. */
export const MAXIMUM_DOCUMENT_BYTES = 20 * 1024 * 1024;

const DOCUMENT_PATH = /^\/api\/programme\/decisions\/[^/]+\/document$/;

/** Whether a request uploads a decision's PDF, which the app lets past its 1 MB limit on bodies. */
export function isDecisionDocumentUpload(method: string, path: string): boolean {
  return method === 'PUT' && DOCUMENT_PATH.test(path);
}

const DECISION = bilingual('quyết định', 'decision');

const listQuery = z.object({
  year: yearParameter.optional(),
  kind: z.enum(DECISION_KINDS).optional(),
});

const newDecision = z
  .object({
    era: eraField.optional(),
    province: z.string().trim().min(1).max(100).optional(),
    kind: z.enum(DECISION_KINDS),
    number: z.string().trim().min(1).max(60),
    date: dateField.refine(isIsoDate),
    year: yearField,
    signer: z.string().trim().min(1).max(200),
    title: z
      .string()
      .trim()
      .max(500)
      .transform((text) => (text === '' ? null : text))
      .nullable()
      .optional(),
  })
  .strict();

const EXPECTATIONS = {
  ...PROGRAMME_EXPECTATIONS,
  kind: bilingual(`một trong ${DECISION_KINDS.join(', ')}`, `one of ${DECISION_KINDS.join(', ')}`),
  number: bilingual('số quyết định, ví dụ "93/QĐ-BCĐ"', 'the decision number, e.g. "93/QĐ-BCĐ"'),
  date: bilingual('ngày ký, dạng YYYY-MM-DD', 'the day it was signed, as YYYY-MM-DD'),
  year: bilingual('năm chuyển hóa mà quyết định nói đến', 'the programme year it concerns'),
  signer: bilingual('người ký, 1 đến 200 ký tự', 'the signer, 1 to 200 characters'),
  title: bilingual('trích yếu, tối đa 500 ký tự', 'a summary of at most 500 characters'),
  province: bilingual('mã hoặc tên tỉnh', 'a province code or name'),
};

// Documents on disk

/** Where a database's decision documents are kept ("programme-decisions" beside it). */
export function decisionDocumentsDirectory(database: Database): string {
  return attachedFolder(database, DECISION_DOCUMENTS_FOLDER);
}

function documentPath(database: Database, id: number): string {
  return join(decisionDocumentsDirectory(database), `${id}.pdf`);
}

const tooLarge = () =>
  new ApiError(
    413,
    'payload_too_large',
    bilingual(
      `Tệp quá lớn: tối đa ${MAXIMUM_DOCUMENT_BYTES / 1024 / 1024} MB`,
      `The file is too large: at most ${MAXIMUM_DOCUMENT_BYTES / 1024 / 1024} MB`,
    ),
  );

/** The body, refused past the limit without reading further. */
async function readDocument(c: Context<AppEnv>): Promise<Buffer> {
  const declared = Number(c.req.header('Content-Length') ?? Number.NaN);
  if (declared > MAXIMUM_DOCUMENT_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const body = c.req.raw.body;
  if (body) {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      if (bytes > MAXIMUM_DOCUMENT_BYTES) throw tooLarge();
      chunks.push(chunk);
    }
  }
  if (bytes === 0) {
    throw new ApiError(
      400,
      'no_file',
      bilingual('Chưa gửi tệp nào (nội dung trống)', 'No file was sent (the body is empty)'),
    );
  }
  return Buffer.concat(chunks);
}

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** The file name the client sent (X-File-Name, URL-encoded), made safe, ending in .pdf. */
function documentName(c: Context<AppEnv>, decision: DecisionRecord): string {
  let name = c.req.header('X-File-Name') ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Taken as it is.
  }
  name = basename(name.replace(/\\/g, '/'))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u001f\u007f/:*?"<>|]/g, '_')
    .trim()
    .slice(0, 120);
  if (name === '') name = `quyet-dinh-${decision.number.replace(/[^\p{L}\p{N}-]+/gu, '-')}.pdf`;
  return name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
}

export function decisionView(decision: DecisionRecord) {
  return {
    id: decision.id,
    kind: decision.kind,
    kindName: DECISION_KIND_NAMES[decision.kind as keyof typeof DECISION_KIND_NAMES] ?? null,
    number: decision.number,
    date: decision.date,
    year: decision.year,
    signer: decision.signer,
    title: decision.title,
    province: decision.provinceName,
    provinceCode: decision.provinceCode,
    document:
      decision.documentSha256 === null
        ? null
        : {
            name: decision.documentName,
            bytes: decision.documentBytes,
            sha256: decision.documentSha256,
            uploadedAt: decision.documentUploadedAt,
            uploadedBy: decision.documentUploadedBy,
          },
    createdAt: decision.createdAt,
    createdBy: decision.createdBy,
  };
}

/**
 * /api/programme/decisions: the committee's decisions (selection, recognition, removal) with number,
 * date and signer, each of one province of an era, seen by the accounts whose area lies in it; the signed
 * PDF attached (checked to be a PDF, at most 20 MB, kept beside the database with its SHA-256) and read
 * back.
 */
export function programmeDecisionRoutes(context: AppContext) {
  const canRead = permit(context, 'programme:read');
  const canWrite = permit(context, 'programme:write');
  const { database } = context;
  const target = (id: number) => `programme-decision:${id}`;

  const load = (c: Context<AppEnv>): DecisionRecord => {
    const id = recordId(c, DECISION);
    const decision = findDecision(database, id);
    if (!decision) throw missing(DECISION, id);
    if (!decisionInScope(database, id, accountOf(c).scope)) throw outOfScope(c, context, target(id));
    return decision;
  };

  return new Hono<AppEnv>()
    .get('/', canRead, validQuery(listQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      return c.json({
        decisions: listDecisions(database, { ...query, scope: accountOf(c).scope }).map(decisionView),
      });
    })
    .post('/', canWrite, validBody(newDecision, EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      if (body.date > today(context)) {
        throw invalidInput(
          bilingual(`Ngày ký ${body.date} ở tương lai`, `The signing date ${body.date} is in the future`),
        );
      }
      const era = eraOn(context, body.era, body.date);
      const scope = accountOf(c).scope;
      let province: { provinceCode: string | null; provinceName: string | null } | undefined;
      if (body.province) {
        province = findProvinceOfEra(database, era.id, body.province);
        if (!province) {
          throw invalidInput(
            bilingual(
              `Thời kỳ "${era.label}" không có tỉnh "${body.province}"`,
              `Era "${era.label}" has no province "${body.province}"`,
            ),
          );
        }
      } else {
        // Without a province named, the one province of the account's area in that era.
        const provinces = provincesOfEra(database, era.id, scope);
        if (provinces.length !== 1) {
          throw invalidInput(
            bilingual(
              'Cần ghi tỉnh (province) của quyết định: địa bàn có nhiều hơn một tỉnh hoặc không có tỉnh nào',
              "The decision's province is needed (province): the area has more than one province, or none",
            ),
          );
        }
        province = provinces[0];
      }
      const provinceName = province?.provinceName ?? '';
      const provinceCode = province?.provinceCode ?? null;
      const covered =
        scope.kind === 'all' ||
        provincesOfEra(database, era.id, scope).some(
          (inScope) =>
            inScope.provinceName === province?.provinceName && inScope.provinceCode === provinceCode,
        );
      if (!covered) throw outOfScope(c, context, `programme-decision ${era.label}/${provinceName}`);
      const key = { eraId: era.id, provinceName, number: body.number, date: body.date };
      if (findDecisionByNumber(database, key)) {
        throw conflict(
          bilingual(
            `Đã có quyết định số ${body.number} ngày ${body.date} của ${provinceName}`,
            `Decision ${body.number} of ${body.date} of ${provinceName} is already stored`,
          ),
        );
      }
      const now = context.now().toISOString();
      const decision = inTransaction(database, () => {
        const stored = insertDecision(database, {
          eraId: era.id,
          provinceCode,
          provinceName,
          kind: body.kind,
          number: body.number,
          date: body.date,
          year: body.year,
          signer: body.signer,
          title: body.title ?? null,
          createdAt: now,
          createdBy: accountOf(c).user.username,
        });
        audit(c, context, {
          action: 'programme.decision.create',
          target: target(stored.id),
          after: decisionView(stored),
        });
        return stored;
      });
      return c.json(decisionView(decision), 201);
    })
    .get('/:id', canRead, (c) => c.json(decisionView(load(c))))
    .put('/:id/document', canWrite, async (c) => {
      const decision = load(c);
      const content = await readDocument(c);
      if (!content.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
        throw new ApiError(
          400,
          'not_pdf',
          bilingual(
            'Tệp không phải PDF (không bắt đầu bằng "%PDF-"); hãy đính kèm bản PDF của quyết định',
            'The file is not a PDF (it does not start with "%PDF-"); attach the decision as a PDF',
          ),
        );
      }
      const sha256 = createHash('sha256').update(content).digest('hex');
      const directory = decisionDocumentsDirectory(database);
      mkdirSync(directory, { recursive: true });
      const pending = join(directory, `${decision.id}.${randomBytes(8).toString('hex')}.part`);
      writeFileSync(pending, content);
      try {
        const stored = inTransaction(database, () => {
          const updated = setDecisionDocument(database, decision.id, {
            name: documentName(c, decision),
            bytes: content.byteLength,
            sha256,
            uploadedAt: context.now().toISOString(),
            uploadedBy: accountOf(c).user.username,
          });
          audit(c, context, {
            action: 'programme.decision.document',
            target: target(decision.id),
            before: decisionView(decision).document,
            after: decisionView(updated).document,
          });
          // Last, so that a failure to place the file leaves the row as it was.
          renameSync(pending, documentPath(database, decision.id));
          return updated;
        });
        return c.json(decisionView(stored));
      } finally {
        rmSync(pending, { force: true });
      }
    })
    .get('/:id/document', canRead, (c) => {
      const decision = load(c);
      const path = documentPath(database, decision.id);
      if (decision.documentSha256 === null || !existsSync(path)) {
        throw notFound(
          bilingual(
            `Quyết định ${decision.number} chưa có tệp PDF đính kèm`,
            `Decision ${decision.number} has no PDF attached`,
          ),
        );
      }
      const name = decision.documentName ?? `${decision.id}.pdf`;
      return c.body(readFileSync(path), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="decision-${decision.id}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'X-Content-SHA256': decision.documentSha256,
      });
    });
}
