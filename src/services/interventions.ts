/**
 * Use cases of issue 6: the intervention register (list with filters and totals, one intervention),
 * budget views (totals, spending per resident by stadsdelsområde against need), import (preview,
 * then all-or-nothing in one transaction), export, and the starting register from the documents.
 *
 * Money leaves this layer as strings of whole kronor (JSON has no bigint).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database, Queryable } from '../db/database.ts';
import {
  insertCommittee,
  insertFollowUp,
  interventionCount,
  readAreaRefs,
  readCommittees,
  readGoalRefs,
  readDraftInterventionIds,
  readIntervention,
  readInterventions,
  readInterventionFields,
  readLatestValues,
  updateInterventionFields,
  upsertBudgetLine,
  writeInterventions,
} from '../db/repositories/interventions.ts';
import { AppError } from '../core/errors.ts';
import { decimalToRatio, ratio, roundHalfAwayFromZero } from '../core/money.ts';
import type { Kronor, Ratio } from '../core/money.ts';
import {
  SEVERAL_AREAS,
  UNSPECIFIED_AREA,
  filterInterventions,
  linesIn,
  spendingPerResident,
  totalsBy,
  totalsByYear,
  totalsOf,
  totalsOfList,
} from '../core/interventions/budget.ts';
import type { InterventionFilter, MoneyTotals, TotalsView } from '../core/interventions/budget.ts';
import { CITY_WIDE, INTERVENTION_STATUSES } from '../core/interventions/types.ts';
import type {
  BudgetMeasure,
  FollowUpEntry,
  Intervention,
  InterventionStatus,
  KnownRefs,
} from '../core/interventions/types.ts';
import type { ImportPreview } from '../core/interventions/validation.ts';
import { fromFramework } from '../core/interventions/register.ts';
import {
  applyInterventionPatch,
  budgetLineFrom,
  type BudgetAmountsInput,
  type EditableFields,
  type InterventionPatch,
} from '../core/interventions/edit.ts';
import { interventionsFileSchema } from '../core/goals/framework-schema.ts';
import { DIVISIONS } from '../core/geo/stockholm.ts';
import { slug } from '../core/geo/names.ts';
import {
  previewInterventionsFile,
  writeInterventionsCsv,
  writeInterventionsXlsx,
  type InterventionFileFormat,
} from '../importers/interventions.ts';
import { defaultFrameworkDir } from '../importers/framework.ts';
import { recordAudit, type AuditActor } from './audit.ts';
import type { StartupLoader } from './loaders.ts';

// ---------------------------------------------------------------------------------------------
// JSON shapes

export interface MoneyJson {
  planned: string;
  decided: string;
  spent: string;
}

const moneyJson = (t: MoneyTotals): MoneyJson => ({
  planned: t.planned.toString(),
  decided: t.decided.toString(),
  spent: t.spent.toString(),
});
const kr = (k: Kronor | null): string | null => (k === null ? null : k.toString());
const ratioJson = (r: Ratio | null): { num: string; den: string; value: number } | null =>
  r === null
    ? null
    : {
        num: r.num.toString(),
        den: r.den.toString(),
        value: Number(roundHalfAwayFromZero(ratio(r.num * 1_000_000n, r.den))) / 1e6,
      };

export interface Named {
  id: string;
  name: string;
  nameEn: string;
}

interface Lookups {
  areaName: Map<string, string>;
  goalAreas: Map<string, Named>;
  strategies: Map<string, Named>;
  targets: Map<string, Named & { goalAreaId: string; status: string | null }>;
}

async function lookups(db: Queryable): Promise<Lookups> {
  const areas = await readAreaRefs(db);
  const goals = await readGoalRefs(db);
  return {
    areaName: new Map(areas.map((a) => [a.code, a.name ?? a.code])),
    goalAreas: new Map(goals.goalAreas.map((g) => [g.code, { id: g.code, name: g.name, nameEn: g.nameEn }])),
    strategies: new Map(goals.strategies.map((g) => [g.code, { id: g.code, name: g.name, nameEn: g.nameEn }])),
    targets: new Map(
      goals.targets.map((g) => [
        g.code,
        { id: g.code, name: g.name, nameEn: g.nameEn, goalAreaId: g.goalAreaId, status: g.status },
      ]),
    ),
  };
}

function areaLabel(l: Lookups, key: string): { key: string; name: string } {
  if (key === CITY_WIDE) return { key, name: 'Hela staden' };
  return { key, name: l.areaName.get(key) ?? key.slice(key.indexOf(':') + 1) };
}

const named = (m: Map<string, Named>, id: string): Named => m.get(id) ?? { id, name: id, nameEn: id };

// ---------------------------------------------------------------------------------------------
// List

export interface ListQuery {
  area?: string;
  goalArea?: string;
  committee?: string;
  status?: InterventionStatus;
  year?: number;
  q?: string;
}

/** `includeDrafts`: staff see draft interventions too (each carries its publication state). */
export async function listInterventions(db: Queryable, query: ListQuery, opts: { includeDrafts?: boolean } = {}) {
  const all = await readInterventions(db, undefined, { includeDrafts: opts.includeDrafts ?? false });
  const l = await lookups(db);
  const filter: InterventionFilter = {
    ...(query.area ? { area: query.area } : {}),
    ...(query.goalArea ? { goalArea: query.goalArea } : {}),
    ...(query.committee !== undefined && query.committee !== '' ? { committee: query.committee } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.year !== undefined ? { year: query.year } : {}),
    ...(query.q ? { text: query.q } : {}),
  };
  const list = filterInterventions(all, filter);
  const drafts = opts.includeDrafts ? await readDraftInterventionIds(db) : new Set<string>();
  const years = [...new Set(all.flatMap((i) => i.budget.map((b) => b.year)))].sort((a, b) => a - b);
  const usedAreas = [...new Set(all.flatMap((i) => i.areas))].sort();
  const usedGoals = [...new Set(all.flatMap((i) => i.goalAreas))].sort();
  return {
    count: list.length,
    year: query.year ?? null,
    totals: moneyJson(totalsOfList(list, query.year)),
    items: list.map((i) => ({
      id: i.id,
      name: i.name,
      publication: drafts.has(i.id) ? ('draft' as const) : ('published' as const),
      committee: i.committee,
      fundingSource: i.fundingSource,
      status: i.status,
      startDate: i.startDate,
      endDate: i.endDate,
      areas: i.areas.map((a) => areaLabel(l, a)),
      goalAreas: i.goalAreas.map((g) => named(l.goalAreas, g)),
      totals: moneyJson(totalsOf(linesIn(i, query.year))),
    })),
    options: {
      areas: usedAreas.map((a) => areaLabel(l, a)),
      goalAreas: usedGoals.map((g) => named(l.goalAreas, g)),
      committees: [...new Set(all.map((i) => i.committee))].sort((a, b) => a.localeCompare(b, 'sv')),
      statuses: [...INTERVENTION_STATUSES],
      years,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One intervention

/** One intervention; drafts only with `includeDrafts` (staff), otherwise a draft is 404 like an unknown id. */
export async function getInterventionDetail(db: Queryable, id: string, opts: { includeDrafts?: boolean } = {}) {
  const i = await readIntervention(db, id, { includeDrafts: opts.includeDrafts ?? false });
  if (!i) throw new AppError('not_found', `Intervention ${id} was not found`);
  const fields = await readInterventionFields(db, id);
  const l = await lookups(db);
  return {
    id: i.id,
    publication: fields?.publication ?? ('published' as const),
    name: i.name,
    description: i.description,
    committee: i.committee,
    fundingSource: i.fundingSource,
    status: i.status,
    startDate: i.startDate,
    endDate: i.endDate,
    citation: i.citation ?? null,
    areas: i.areas.map((a) => areaLabel(l, a)),
    goalAreas: i.goalAreas.map((g) => named(l.goalAreas, g)),
    strategies: i.strategies.map((s) => named(l.strategies, s)),
    targets: i.targets.map((t) => {
      const x = l.targets.get(t);
      return {
        id: t,
        name: x?.name ?? t,
        nameEn: x?.nameEn ?? t,
        goalAreaId: x?.goalAreaId ?? null,
        status: x?.status ?? null,
      };
    }),
    budget: i.budget.map((b) => ({
      year: b.year,
      area: b.area === null ? null : areaLabel(l, b.area),
      planned: kr(b.planned),
      decided: kr(b.decided),
      spent: kr(b.spent),
    })),
    totals: moneyJson(totalsOf(i.budget)),
    followUps: i.followUps,
  };
}

// ---------------------------------------------------------------------------------------------
// Budget views

/** The division of the per-resident view: the current stadsdelsområden. */
export const PER_RESIDENT_DIVISION = DIVISIONS.sdo2023;
export const POPULATION_INDICATOR = 'population';
export const NEED_INDICATOR = 'persons-low-economic-standard';

function totalsJson(v: TotalsView, label: (key: string) => { name: string; nameEn: string }) {
  return {
    overlapping: v.overlapping,
    total: moneyJson(v.total),
    rows: v.rows.map((r) => ({
      key: r.key,
      ...label(r.key),
      interventions: r.interventions,
      totals: moneyJson(r.totals),
    })),
  };
}

export async function getBudgetViews(
  db: Queryable,
  query: { year?: number; measure?: BudgetMeasure },
  opts: { includeDrafts?: boolean } = {},
) {
  const all = await readInterventions(db, undefined, { includeDrafts: opts.includeDrafts ?? false });
  const l = await lookups(db);
  const measure = query.measure ?? 'planned';
  const years = [...new Set(all.flatMap((i) => i.budget.map((b) => b.year)))].sort((a, b) => a - b);
  const year = query.year ?? years[years.length - 1] ?? null;
  const same = (key: string) => ({ name: key, nameEn: key });
  const areaName = (key: string) => {
    if (key === CITY_WIDE) return { name: 'Hela staden', nameEn: 'City-wide' };
    if (key === SEVERAL_AREAS) return { name: 'Flera områden (ej fördelat)', nameEn: 'Several areas (not divided)' };
    if (key === UNSPECIFIED_AREA) return { name: 'Område ej angivet', nameEn: 'Area not stated' };
    const n = areaLabel(l, key).name;
    return { name: n, nameEn: n };
  };
  const goalName = (key: string) => {
    if (key === 'none') return { name: 'Inget målområde', nameEn: 'No goal area' };
    const g = named(l.goalAreas, key);
    return { name: g.name, nameEn: g.nameEn };
  };
  const yearArg = year ?? undefined;

  // per resident by stadsdelsområde
  const areaRefs = await readAreaRefs(db);
  const districtsRefs = areaRefs.filter((a) => a.divisionId === PER_RESIDENT_DIVISION);
  const maxPeriod = year === null ? undefined : String(year + 1);
  const latest = async (indicator: string) => {
    let rows = await readLatestValues(db, indicator, PER_RESIDENT_DIVISION, maxPeriod);
    if (rows.length === 0) rows = await readLatestValues(db, indicator, PER_RESIDENT_DIVISION);
    return new Map(rows.map((r) => [`${PER_RESIDENT_DIVISION}:${r.areaCode}`, r]));
  };
  const pop = await latest(POPULATION_INDICATOR);
  const need = await latest(NEED_INDICATOR);
  const parent = new Map(areaRefs.map((a) => [a.code, a.parentKey]));
  const districtKeys = new Set(districtsRefs.map((d) => d.code));
  const districtOf = (key: string): string | null => {
    const [division, code] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (division === DIVISIONS.sdo2020 && districtKeys.has(`${PER_RESIDENT_DIVISION}:${code}`))
      return `${PER_RESIDENT_DIVISION}:${code}`;
    let k: string | null | undefined = key;
    for (let depth = 0; k && depth < 10; depth++) {
      if (districtKeys.has(k)) return k;
      k = parent.get(k);
    }
    return null;
  };
  const residentsOf = (key: string): bigint => {
    const r = pop.get(key);
    const v = r ? decimalToRatio(r.value) : null;
    return v ? roundHalfAwayFromZero(v) : 0n;
  };
  const per =
    year === null
      ? null
      : spendingPerResident(all, {
          year,
          measure,
          districts: districtsRefs.map((d) => {
            const n = need.get(d.code);
            return { code: d.code, residents: residentsOf(d.code), need: n ? decimalToRatio(n.value) : null };
          }),
          districtOf,
        });
  const anyPop = [...pop.values()][0];
  const anyNeed = [...need.values()][0];
  return {
    years,
    year,
    measure,
    byYear: totalsJson(totalsByYear(all), same),
    byGoalArea: totalsJson(totalsBy(all, 'goalArea', yearArg), goalName),
    byCommittee: totalsJson(totalsBy(all, 'committee', yearArg), (k) =>
      k === '' ? { name: 'Ej angiven', nameEn: 'Not stated' } : same(k),
    ),
    byFundingSource: totalsJson(totalsBy(all, 'fundingSource', yearArg), same),
    byArea: totalsJson(totalsBy(all, 'area', yearArg), areaName),
    perResident: per && {
      division: PER_RESIDENT_DIVISION,
      populationPeriod: anyPop?.period ?? null,
      populationSource: anyPop?.source ?? null,
      needIndicator: NEED_INDICATOR,
      needPeriod: anyNeed?.period ?? null,
      needSource: anyNeed?.source ?? null,
      districts: per.districts.map((d) => ({
        key: d.code,
        name: areaLabel(l, d.code).name,
        amount: d.amount.toString(),
        residents: d.residents.toString(),
        perResident: ratioJson(d.perResident),
        moneyShare: ratioJson(d.moneyShare),
        needShare: ratioJson(d.needShare),
        gap: ratioJson(d.gap),
      })),
      placed: per.placed.toString(),
      cityWide: per.cityWide.toString(),
      cityWidePerResident: ratioJson(per.cityWidePerResident),
      unplaced: per.unplaced.toString(),
      unplacedInterventions: per.unplacedInterventions,
      total: per.total.toString(),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Import and export

/** What an import may refer to, from the database. Areas of preferred divisions come first. */
export async function knownRefs(db: Queryable): Promise<KnownRefs> {
  const areas = await readAreaRefs(db);
  const goals = await readGoalRefs(db);
  return {
    areas: areas.map((a) => ({ code: a.code, name: a.name })),
    goalAreas: goals.goalAreas,
    strategies: goals.strategies,
    targets: goals.targets,
  };
}

export function previewJson(p: ImportPreview, existing: ReadonlySet<string>) {
  return {
    ok: p.ok,
    rowCount: p.rowCount,
    problems: p.problems,
    totals: {
      planned: p.totals.planned.toString(),
      decided: p.totals.decided.toString(),
      spent: p.totals.spent.toString(),
      budgetLines: p.totals.budgetLines,
    },
    interventions: p.interventions.map((i) => ({
      id: i.id,
      name: i.name,
      committee: i.committee,
      status: i.status,
      areas: i.areas,
      budgetLines: i.budget.length,
      totals: moneyJson(totalsOf(i.budget)),
      action: existing.has(i.id) ? ('update' as const) : ('create' as const),
    })),
  };
}

export async function previewImport(db: Queryable, content: Buffer, format: InterventionFileFormat) {
  const p = await previewInterventionsFile(content, format, await knownRefs(db));
  const existing = new Set(
    (
      await readInterventions(
        db,
        p.interventions.map((i) => i.id),
        { includeDrafts: true },
      )
    ).map((i) => i.id),
  );
  return previewJson(p, existing);
}

/** Committee ids for the committee names of `list`; creates the committees not known yet. */
async function committeeIdsFor(tx: Queryable, list: readonly Intervention[]): Promise<Map<string, string>> {
  const known = await readCommittees(tx);
  const out = new Map<string, string>();
  for (const name of new Set(list.map((i) => i.committee))) {
    if (name.trim() === '') continue;
    const k = name.trim().toLowerCase();
    const hit = known.find((c) => c.id.toLowerCase() === k || c.name.toLowerCase() === k);
    if (hit) {
      out.set(name, hit.id);
      continue;
    }
    let id = slug(name) || 'namnd';
    while (known.some((c) => c.id === id)) id += '-2';
    const kind = /stadsdelsnämnd/i.test(name)
      ? 'district'
      : /kommunstyrelse|kommunfullmäktige/i.test(name)
        ? 'council'
        : /nämnd/i.test(name)
          ? 'specialist'
          : 'other';
    await insertCommittee(tx, { id, name: name.trim(), kind });
    known.push({ id, name: name.trim(), kind });
    out.set(name, id);
  }
  return out;
}

export interface CommitResult {
  written: number;
  created: string[];
  updated: string[];
}

/**
 * Validates the file again and writes it only when it has no problems: every intervention (insert
 * or replace by id; follow-ups are kept) in ONE transaction with its audit records, so that a
 * failure anywhere leaves the database as it was.
 */
export async function commitImport(
  db: Database,
  content: Buffer,
  format: InterventionFileFormat,
  ctx: { actor: AuditActor | null; now: Date },
): Promise<CommitResult> {
  const p = await previewInterventionsFile(content, format, await knownRefs(db));
  if (!p.ok) {
    throw new AppError(
      'import_failed',
      `The file has ${p.problems.length} problem(s); nothing was written`,
      p.problems.map((x) => ({ line: x.row, field: x.column, message: x.message })),
    );
  }
  return db.transaction(async (tx) => {
    const before = new Map(
      (
        await readInterventions(
          tx,
          p.interventions.map((i) => i.id),
          { includeDrafts: true },
        )
      ).map((i) => [i.id, i]),
    );
    const committees = await committeeIdsFor(tx, p.interventions);
    // keep the document citation of interventions that come from the source documents
    const list = p.interventions.map((i) => ({ ...i, citation: before.get(i.id)?.citation ?? null }));
    await writeInterventions(tx, list, committees, ctx.now);
    for (const i of list) {
      await recordAudit(tx, {
        actor: ctx.actor,
        at: ctx.now,
        action: 'import',
        entity: 'intervention',
        entityId: i.id,
        before: before.get(i.id) ?? null,
        after: i,
      });
    }
    return {
      written: list.length,
      created: list.filter((i) => !before.has(i.id)).map((i) => i.id),
      updated: list.filter((i) => before.has(i.id)).map((i) => i.id),
    };
  });
}

/** Everything the route needs to check district editors' rights: the stored and new areas of an import. */
export async function importScope(db: Queryable, content: Buffer, format: InterventionFileFormat) {
  const p = await previewInterventionsFile(content, format, await knownRefs(db));
  // Drafts too: an import must not take over another district's draft without the area check.
  const stored = await readInterventions(
    db,
    p.interventions.map((i) => i.id),
    { includeDrafts: true },
  );
  const all = [...p.interventions, ...stored];
  const keys = new Set(all.flatMap((i) => i.areas).filter((a) => a !== CITY_WIDE));
  return {
    cityWide: all.some((i) => i.areas.includes(CITY_WIDE)),
    areas: [...keys].map((k) => ({ divisionId: k.slice(0, k.indexOf(':')), code: k.slice(k.indexOf(':') + 1) })),
  };
}

export async function exportRegister(
  db: Queryable,
  format: InterventionFileFormat,
): Promise<{ body: Buffer | string; contentType: string; fileName: string }> {
  const list = await readInterventions(db);
  if (format === 'csv')
    return { body: writeInterventionsCsv(list), contentType: 'text/csv; charset=utf-8', fileName: 'insatser.csv' };
  return {
    body: await writeInterventionsXlsx(list),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: 'insatser.xlsx',
  };
}

// ---------------------------------------------------------------------------------------------
// Follow-up

export async function addFollowUp(
  db: Database,
  id: string,
  entry: FollowUpEntry,
  ctx: { actor: AuditActor | null; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const i = await readIntervention(tx, id, { includeDrafts: true });
    if (!i) throw new AppError('not_found', `Intervention ${id} was not found`);
    await insertFollowUp(tx, id, entry, ctx.actor?.username ?? null, ctx.now);
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'create',
      entity: 'follow_up',
      entityId: id,
      before: null,
      after: entry,
    });
  });
}

export async function interventionAreas(
  db: Queryable,
  id: string,
  opts: { includeDrafts?: boolean } = {},
): Promise<{
  areas: { divisionId: string; code: string }[];
  cityWide: boolean;
  committee: string;
  committeeId: string | null;
} | null> {
  const i = await readIntervention(db, id, { includeDrafts: opts.includeDrafts ?? false });
  if (!i) return null;
  const fields = await readInterventionFields(db, id);
  return {
    cityWide: i.areas.includes(CITY_WIDE),
    committee: i.committee,
    committeeId: fields?.committeeId ?? null,
    areas: i.areas
      .filter((a) => a !== CITY_WIDE)
      .map((k) => ({ divisionId: k.slice(0, k.indexOf(':')), code: k.slice(k.indexOf(':') + 1) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Editing one intervention

const editable = (f: EditableFields): EditableFields => ({
  name: f.name,
  description: f.description,
  status: f.status,
  startDate: f.startDate,
  endDate: f.endDate,
  fundingSource: f.fundingSource,
  publication: f.publication,
});

/**
 * Changes the editable fields of an intervention (draft or published): checked in core (dates,
 * status changes, budget years within the dates), written in ONE transaction with an audit record
 * holding the fields before and after. 404 for an unknown id, 400 naming the field otherwise.
 * Returns the fields after the change.
 */
export async function updateIntervention(
  db: Database,
  id: string,
  patch: InterventionPatch,
  ctx: { actor: AuditActor | null; now: Date },
): Promise<EditableFields> {
  return db.transaction(async (tx) => {
    const stored = await readInterventionFields(tx, id, { lock: true });
    if (!stored) throw new AppError('not_found', `Intervention ${id} was not found`);
    const before = editable(stored);
    const current = await readIntervention(tx, id, { includeDrafts: true });
    const result = applyInterventionPatch(before, patch, current?.budget.map((b) => b.year) ?? []);
    if (!result.ok) {
      const first = result.problems[0];
      throw new AppError(
        'validation_failed',
        first ? `Invalid ${first.field ?? 'body'}: ${first.message}` : 'Invalid change',
        result.problems,
      );
    }
    const after = result.value;
    await updateInterventionFields(tx, id, after, ctx.now);
    const action =
      after.publication !== before.publication
        ? after.publication === 'published'
          ? 'publish'
          : 'unpublish'
        : 'update';
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action,
      entity: 'intervention',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Sets the budget line of an intervention for a year (and optionally one of its areas): amounts
 * parsed exactly in core, written in ONE transaction with an audit record (entity `budget_line`,
 * id `intervention/year` or `intervention/year/division:code`, the line before — null when new — and after).
 */
export async function setBudgetLine(
  db: Database,
  id: string,
  year: number,
  input: BudgetAmountsInput & { area: string | null },
  ctx: { actor: AuditActor | null; now: Date },
): Promise<{
  year: number;
  area: string | null;
  planned: string | null;
  decided: string | null;
  spent: string | null;
}> {
  return db.transaction(async (tx) => {
    const stored = await readInterventionFields(tx, id, { lock: true });
    const i = stored ? await readIntervention(tx, id, { includeDrafts: true }) : null;
    if (!stored || !i) throw new AppError('not_found', `Intervention ${id} was not found`);
    const area = input.area;
    const result = budgetLineFrom(year, area, input, i);
    if (!result.ok) {
      const first = result.problems[0];
      throw new AppError(
        'validation_failed',
        first ? `Invalid ${first.field ?? 'body'}: ${first.message}` : 'Invalid budget line',
        result.problems,
      );
    }
    const line = result.value;
    const before = i.budget.find((b) => b.year === year && b.area === area) ?? null;
    await upsertBudgetLine(tx, id, line, ctx.now);
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: before ? 'update' : 'create',
      entity: 'budget_line',
      entityId: area === null ? `${id}/${year}` : `${id}/${year}/${area}`,
      before,
      after: line,
    });
    return {
      year: line.year,
      area: line.area,
      planned: kr(line.planned),
      decided: kr(line.decided),
      spent: kr(line.spent),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The starting register

/**
 * Loads data/framework/interventions.json as the starting register (when the register is empty).
 * Target-area names are matched to areas by name (current stadsdelsområden first); names that are
 * no area (places such as "Stureplan") are reported and left out.
 */
export function interventionsLoader(frameworkDir: string = defaultFrameworkDir): StartupLoader {
  return {
    id: 'interventions-register',
    needsDataDir: false,
    async isLoaded(db) {
      return (await interventionCount(db)) > 0;
    },
    async load(tx, ctx) {
      const file = join(frameworkDir, 'interventions.json');
      const raw = JSON.parse(await readFile(file, 'utf8')) as unknown;
      const parsed = interventionsFileSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(
          'import_failed',
          `${file}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
          [{ file, field: issue?.path.join('.') ?? '', message: issue?.message ?? 'invalid' }],
        );
      }
      const areas = await readAreaRefs(tx);
      const byName = new Map<string, string>();
      for (const a of areas) {
        const k = (a.name ?? '').trim().toLowerCase();
        if (k && !byName.has(k)) byName.set(k, a.code);
      }
      const list: Intervention[] = [];
      ctx.progress.step('Insatser (startregister)', parsed.data.length);
      for (const f of parsed.data) {
        const { intervention, unresolvedAreas } = fromFramework(
          f,
          (name) => byName.get(name.trim().toLowerCase()) ?? null,
        );
        if (unresolvedAreas.length)
          ctx.progress.info(
            `intervention ${f.id}: ${unresolvedAreas.join(', ')} is no known area; left out of its areas`,
          );
        list.push(intervention);
        ctx.progress.tick(1);
      }
      const committees = await committeeIdsFor(tx, list);
      await writeInterventions(tx, list, committees, ctx.now());
    },
  };
}

export type { InterventionFileFormat, InterventionStatus };
