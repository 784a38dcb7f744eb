import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import {
  type CycleRow,
  decisionInScope,
  domainTransition,
  findCycle,
  findCycleOf,
  findDecision,
  insertCycle,
  insertTransition,
  listCycles,
  type StoredTransition,
  transitionsOf,
} from '../db/queries/programme-cycles';
import { bilingual } from '../domain/bilingual';
import {
  type CycleStatus,
  type CycleTransition,
  checkCycleTransition,
  DECISION_KIND_NAMES,
  type DecisionKind,
  isCycleStatus,
  MAXIMUM_REASON_LENGTH,
  type ProgrammeCycle,
  REQUIRED_DECISION,
  replayCycleHistory,
} from '../domain/programme/cycle-status';
import { carryOverUnitIds } from '../domain/programme/programme-kpis';
import { formerDistricts } from '../services/carried-aggregates';
import { predecessorUnitIds } from '../services/programme-inheritance';
import { type AppEnv, accountOf, audit, outOfScope, permit } from './access';
import { type AppContext, requireEra, today } from './context';
import {
  conflict,
  cycleView,
  dateField,
  eraField,
  eraOn,
  PROGRAMME_EXPECTATIONS,
  requireCommune,
  requireRowInScope,
  unitField,
  yearField,
  yearParameter,
} from './programme-helpers';
import { validBody, validQuery } from './query-validation';
import { invalidInput, missing, recordId } from './record-helpers';

const CYCLE = bilingual('chu kỳ chuyển hóa', 'programme cycle');

const listQuery = z.object({
  year: yearParameter.optional(),
  era: eraField.optional(),
  unit: unitField.optional(),
});

const stepFields = {
  status: z.string().trim().min(1).max(40),
  date: dateField.optional(),
  decisionId: z.number().int().positive().nullable().optional(),
  // The domain says how long a reason may be, in both languages.
  reason: z
    .string()
    .trim()
    .max(MAXIMUM_REASON_LENGTH + 1000)
    .transform((text) => (text === '' ? undefined : text))
    .nullable()
    .optional(),
};

const newCycle = z
  .object({
    era: eraField.optional(),
    unit: unitField,
    year: yearField,
    ...stepFields,
    status: stepFields.status.default('proposed'),
  })
  .strict();

const transitionBody = z.object(stepFields).strict();

/** A cycle row of the domain, from the stored rows. */
export function domainCycle(row: CycleRow, transitions: readonly StoredTransition[]): ProgrammeCycle {
  return {
    id: row.id,
    unitId: row.unitId,
    year: row.year,
    transitions: transitions.map(domainTransition),
  };
}

/**
 * /api/programme/cycles: one commune's cycle of one programme year, created as a proposal (or as selected
 * when only the decision is on record), then moved along the domain's transitions, each with its date, the
 * decision it rests on and a reason; refused with the domain's reason when the step is not allowed. Lists
 * and changes stay within the account's area; every change is audited with the write.
 */
export function programmeCycleRoutes(context: AppContext) {
  const canRead = permit(context, 'programme:read');
  const canWrite = permit(context, 'programme:write');
  const { database } = context;
  const target = (id: number) => `programme-cycle:${id}`;

  const answer = (row: CycleRow) => {
    const transitions = transitionsOf(database, [row.id]).get(row.id) ?? [];
    const previous = findCycleOf(database, row.eraId, row.unitCode, row.year - 1);
    const carryOver =
      previous !== undefined &&
      (transitionsOf(database, [previous.id]).get(previous.id) ?? []).some(
        (transition) => transition.status === 'assessed-not-achieved',
      );
    return cycleView(row, transitions, today(context), carryOver);
  };

  const load = (c: Context<AppEnv>): CycleRow => {
    const id = recordId(c, CYCLE);
    const row = findCycle(database, id);
    if (!row) throw missing(CYCLE, id);
    requireRowInScope(c, context, row, target(id));
    return row;
  };

  /** The decision a step names, checked: stored, visible to the account, of the cycle's province and year. */
  const decisionFor = (
    c: Context<AppEnv>,
    cycle: Pick<CycleRow, 'eraId' | 'year' | 'provinceCode' | 'provinceName'>,
    status: string,
    decisionId: number | null | undefined,
  ): CycleTransition['decision'] => {
    if (decisionId === null || decisionId === undefined) return undefined;
    const decision = findDecision(database, decisionId);
    if (!decision) {
      throw invalidInput(
        bilingual(`Không có quyết định số (id) ${decisionId}`, `There is no decision with id ${decisionId}`),
      );
    }
    if (!decisionInScope(database, decision.id, accountOf(c).scope)) {
      throw outOfScope(c, context, `programme-decision:${decision.id}`);
    }
    const sameProvince =
      decision.provinceName === (cycle.provinceName ?? '') ||
      (decision.provinceCode !== null && decision.provinceCode === cycle.provinceCode);
    // Across eras (a province merged in 2025) the names differ legitimately; within one they must agree.
    if (decision.eraId === cycle.eraId && !sameProvince) {
      throw invalidInput(
        bilingual(
          `Quyết định ${decision.number} là của ${decision.provinceName}, không phải tỉnh của xã này`,
          `Decision ${decision.number} is of ${decision.provinceName}, not of this commune's province`,
        ),
      );
    }
    const required = isCycleStatus(status) ? REQUIRED_DECISION[status] : undefined;
    if ((required === 'selection' || required === 'recognition') && decision.year !== cycle.year) {
      const name = DECISION_KIND_NAMES[required];
      throw invalidInput(
        bilingual(
          `${name.vi} ${decision.number} thuộc năm ${decision.year}, không phải năm ${cycle.year} của chu kỳ`,
          `${name.en} ${decision.number} concerns ${decision.year}, not the cycle's year ${cycle.year}`,
        ),
      );
    }
    return {
      id: decision.id,
      kind: decision.kind as DecisionKind,
      number: decision.number,
      date: decision.date,
    };
  };

  const stepOf = (
    body: z.infer<typeof transitionBody>,
    decision: CycleTransition['decision'],
  ): CycleTransition => {
    const step: CycleTransition = { status: body.status as CycleStatus, date: body.date ?? today(context) };
    if (decision) step.decision = decision;
    if (body.reason) step.reason = body.reason;
    return step;
  };

  const store = (c: Context<AppEnv>, cycleId: number, step: CycleTransition) =>
    insertTransition(database, {
      cycleId,
      status: step.status,
      date: step.date,
      decisionId: step.decision?.id ?? null,
      reason: step.reason ?? null,
      actor: accountOf(c).user.username,
      recordedAt: context.now().toISOString(),
    });

  const auditedStep = (step: CycleTransition) => ({
    status: step.status,
    date: step.date,
    decision: step.decision ? { id: step.decision.id, number: step.decision.number } : null,
    reason: step.reason ?? null,
  });

  return new Hono<AppEnv>()
    .get('/', canRead, validQuery(listQuery, PROGRAMME_EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const scope = accountOf(c).scope;
      const era = query.era ? requireEra(context, query.era) : undefined;
      if (query.unit && era) requireCommune(c, context, era, query.unit, `programme-cycles ${query.unit}`);
      const filter = { eraId: era?.id, unitCode: query.unit, scope };
      const rows = listCycles(database, { ...filter, year: query.year });
      const transitions = transitionsOf(
        database,
        rows.map((row) => row.id),
      );
      // Carry-overs need the year before, of the same communes or of those they came from (any era).
      const previousYears = listCycles(database, {
        scope,
        ...(query.year === undefined ? {} : { year: query.year - 1 }),
      });
      const previousTransitions = transitionsOf(
        database,
        previousYears.map((row) => row.id),
      );
      const previousCycles = previousYears.map((row) =>
        domainCycle(row, previousTransitions.get(row.id) ?? []),
      );
      const notAchieved = new Set<string>();
      for (const year of new Set(rows.map((row) => row.year))) {
        for (const unitId of carryOverUnitIds(previousCycles, year)) notAchieved.add(`${unitId}:${year}`);
      }
      const predecessors = predecessorUnitIds(database, [...rows, ...previousYears]);
      const carriedOver = (row: CycleRow) =>
        [row.unitId, ...(predecessors.get(row.unitId) ?? [])].some((unitId) =>
          notAchieved.has(`${unitId}:${row.year}`),
        );
      // Communes of an era without districts are grouped by their former district, through the lineage.
      const formerByEra = new Map<number, Map<string, string[]>>();
      const formerDistrictOf = (row: CycleRow) => {
        if (row.districtName !== null) return null;
        let former = formerByEra.get(row.eraId);
        if (!former) {
          former = formerDistricts(database, requireEra(context, row.eraLabel), scope);
          formerByEra.set(row.eraId, former);
        }
        return former.get(row.unitCode)?.[0] ?? null;
      };
      const day = today(context);
      return c.json({
        cycles: rows.map((row) => {
          const view = cycleView(row, transitions.get(row.id) ?? [], day, carriedOver(row));
          return { ...view, unit: { ...view.unit, formerDistrict: formerDistrictOf(row) } };
        }),
      });
    })
    .post('/', canWrite, validBody(newCycle, PROGRAMME_EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const date = body.date ?? today(context);
      const era = eraOn(context, body.era, date);
      const unit = requireCommune(
        c,
        context,
        era,
        body.unit,
        `programme-cycle ${era.label}/${body.unit}/${body.year}`,
      );
      if (findCycleOf(database, era.id, unit.code, body.year)) {
        throw conflict(
          bilingual(
            `${unit.fullName} đã có chu kỳ chuyển hóa năm ${body.year}`,
            `${unit.fullName} already has a programme cycle for ${body.year}`,
          ),
        );
      }
      const decision = decisionFor(
        c,
        { eraId: era.id, year: body.year, provinceCode: unit.provinceCode, provinceName: unit.provinceName },
        body.status,
        body.decisionId,
      );
      const step = stepOf({ ...body, date }, decision);
      const problem = checkCycleTransition(body.year, null, step, today(context));
      if (problem) throw invalidInput(problem);
      const id = inTransaction(database, () => {
        const cycleId = insertCycle(database, {
          eraId: era.id,
          unitCode: unit.code,
          year: body.year,
          createdAt: context.now().toISOString(),
          createdBy: accountOf(c).user.username,
        });
        store(c, cycleId, step);
        audit(c, context, {
          action: 'programme.cycle.create',
          target: target(cycleId),
          after: { era: era.label, unit: unit.code, year: body.year, ...auditedStep(step) },
        });
        return cycleId;
      });
      return c.json(answer(findCycle(database, id) as CycleRow), 201);
    })
    .get('/:id', canRead, (c) => c.json(answer(load(c))))
    .post('/:id/transitions', canWrite, validBody(transitionBody, PROGRAMME_EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const cycle = load(c);
      const stored = transitionsOf(database, [cycle.id]).get(cycle.id) ?? [];
      const replay = replayCycleHistory(cycle.year, stored.map(domainTransition), today(context));
      const current = replay.status && replay.since ? { status: replay.status, since: replay.since } : null;
      const step = stepOf(body, decisionFor(c, cycle, body.status, body.decisionId));
      const problem = checkCycleTransition(cycle.year, current, step, today(context));
      if (problem) throw invalidInput(problem);
      inTransaction(database, () => {
        store(c, cycle.id, step);
        audit(c, context, {
          action: 'programme.cycle.transition',
          target: target(cycle.id),
          before: current,
          after: auditedStep(step),
        });
      });
      return c.json(answer(cycle));
    });
}
