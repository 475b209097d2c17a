/**
 * The intervention register: interventions, their areas, links, budget lines and follow-ups.
 * Reading the register is in interventions-read.ts, single budget lines and follow-ups in interventions-budget.ts.
 * Money is read as text and turned into bigint kronor (int8 would come back as a JS number).
 * Area codes are `division:code`; a city-wide intervention has `city_wide` set and no area rows.
 */
import type { Queryable } from '../database.ts';
import { CITY_WIDE } from '../../core/interventions/types.ts';
import type { Intervention, InterventionStatus, KnownRef } from '../../core/interventions/types.ts';
import { splitKey } from './interventions-budget.ts';

export { insertFollowUp, upsertBudgetLine } from './interventions-budget.ts';
export { readIntervention, readInterventions } from './interventions-read.ts';

/** The editable fields of one intervention (draft or published) with its committee id; `lock` takes a row lock (inside a transaction). */
export async function readInterventionFields(
  db: Queryable,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<{
  name: string;
  description: string;
  status: InterventionStatus;
  startDate: string | null;
  endDate: string | null;
  fundingSource: string;
  publication: 'draft' | 'published';
  committeeId: string | null;
} | null> {
  const rows = await db.query<{
    name: string;
    description: string;
    status: InterventionStatus;
    startDate: string | null;
    endDate: string | null;
    fundingSource: string;
    publication: 'draft' | 'published';
    committeeId: string | null;
  }>(
    `SELECT name, description, status, start_date AS "startDate", end_date AS "endDate", funding_source AS "fundingSource",
            publication, committee_id AS "committeeId"
       FROM intervention WHERE id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** Writes the editable fields of one intervention. */
export async function updateInterventionFields(
  db: Queryable,
  id: string,
  f: {
    name: string;
    description: string;
    status: InterventionStatus;
    startDate: string | null;
    endDate: string | null;
    fundingSource: string;
    publication: 'draft' | 'published';
  },
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE intervention SET name = $2, description = $3, status = $4, start_date = $5::date, end_date = $6::date, funding_source = $7,
            publication = $8, updated_at = $9
      WHERE id = $1`,
    [id, f.name, f.description, f.status, f.startDate, f.endDate, f.fundingSource, f.publication, at.toISOString()],
  );
}

export async function interventionCount(db: Queryable): Promise<number> {
  const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM intervention');
  return r?.n ?? 0;
}

/** Committee ids by lower-case id and name. */
export async function readCommittees(db: Queryable): Promise<{ id: string; name: string; kind: string }[]> {
  return db.query<{ id: string; name: string; kind: string }>('SELECT id, name, kind FROM committee ORDER BY name');
}

export async function insertCommittee(
  db: Queryable,
  c: { id: string; name: string; kind: 'district' | 'specialist' | 'council' | 'company' | 'other' },
): Promise<void> {
  await db.query('INSERT INTO committee (id, name, kind) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
    c.id,
    c.name,
    c.kind,
  ]);
}

/**
 * Writes interventions (insert or replace by id): the intervention row, its areas, links and budget
 * lines. Follow-ups are kept. `committeeIds` maps each committee name to its id.
 */
export async function writeInterventions(
  db: Queryable,
  list: readonly Intervention[],
  committeeIds: ReadonlyMap<string, string>,
  at: Date,
): Promise<void> {
  for (const i of list) {
    const cityWide = i.areas.includes(CITY_WIDE);
    await db.query(
      `INSERT INTO intervention (id, name, description, committee_id, funding_source, status, start_date, end_date, city_wide,
                                 source_doc, source_section, source_quote, publication, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::date, $9, $10, $11, $13, 'published', $12, $12)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, committee_id = EXCLUDED.committee_id,
         funding_source = EXCLUDED.funding_source, status = EXCLUDED.status, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
         city_wide = EXCLUDED.city_wide, source_doc = COALESCE(EXCLUDED.source_doc, intervention.source_doc),
         source_section = COALESCE(EXCLUDED.source_section, intervention.source_section),
         source_quote = COALESCE(EXCLUDED.source_quote, intervention.source_quote), updated_at = EXCLUDED.updated_at`,
      [
        i.id,
        i.name,
        i.description,
        committeeIds.get(i.committee) ?? null,
        i.fundingSource,
        i.status,
        i.startDate,
        i.endDate,
        cityWide,
        i.citation?.document ?? null,
        i.citation?.section ?? null,
        at.toISOString(),
        i.citation?.quote ?? null,
      ],
    );
    await db.query('DELETE FROM intervention_area WHERE intervention_id = $1', [i.id]);
    await db.query('DELETE FROM intervention_area_group WHERE intervention_id = $1', [i.id]);
    if (i.groups?.length)
      await db.query(
        `INSERT INTO intervention_area_group (intervention_id, group_id) SELECT $1, g FROM unnest($2::text[]) AS t(g)`,
        [i.id, i.groups],
      );
    await db.query('DELETE FROM intervention_link WHERE intervention_id = $1', [i.id]);
    await db.query('DELETE FROM budget_line WHERE intervention_id = $1', [i.id]);
    const areas = i.areas.filter((a) => a !== CITY_WIDE).map(splitKey);
    if (areas.length) {
      await db.query(
        `INSERT INTO intervention_area (intervention_id, division_id, area_code)
         SELECT $1, d, c FROM unnest($2::text[], $3::text[]) AS t(d, c)`,
        [i.id, areas.map((a) => a.divisionId), areas.map((a) => a.code)],
      );
    }
    const links = [
      ...i.goalAreas.map((r) => ['goal_area', r] as const),
      ...i.strategies.map((r) => ['strategy', r] as const),
      ...i.targets.map((r) => ['target', r] as const),
    ];
    if (links.length) {
      await db.query(
        `INSERT INTO intervention_link (intervention_id, kind, ref_id) SELECT $1, k, r FROM unnest($2::text[], $3::text[]) AS t(k, r)`,
        [i.id, links.map((l) => l[0]), links.map((l) => l[1])],
      );
    }
    if (i.budget.length) {
      const area = i.budget.map((l) => (l.area === null || l.area === CITY_WIDE ? null : splitKey(l.area)));
      const text = (k: bigint | null): string | null => (k === null ? null : k.toString());
      await db.query(
        `INSERT INTO budget_line (intervention_id, year, division_id, area_code, planned_sek, decided_sek, spent_sek)
         SELECT $1, y, d, c, p, dd, s FROM unnest($2::int[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[]) AS t(y, d, c, p, dd, s)`,
        [
          i.id,
          i.budget.map((l) => l.year),
          area.map((a) => a?.divisionId ?? null),
          area.map((a) => a?.code ?? null),
          i.budget.map((l) => text(l.planned)),
          i.budget.map((l) => text(l.decided)),
          i.budget.map((l) => text(l.spent)),
        ],
      );
    }
  }
}

/** Every area as a reference `division:code` with its name, preferred divisions first (by division sort). */
export async function readAreaRefs(
  db: Queryable,
): Promise<(KnownRef & { divisionId: string; parentKey: string | null })[]> {
  const rows = await db.query<{
    division_id: string;
    code: string;
    name: string;
    parent_division_id: string | null;
    parent_code: string | null;
  }>(
    `SELECT a.division_id, a.code, a.name, a.parent_division_id, a.parent_code
       FROM area a JOIN division d ON d.id = a.division_id
      ORDER BY d.sort, d.level, a.name, a.code`,
  );
  return rows.map((r) => ({
    code: `${r.division_id}:${r.code}`,
    name: r.name,
    divisionId: r.division_id,
    parentKey: r.parent_division_id && r.parent_code ? `${r.parent_division_id}:${r.parent_code}` : null,
  }));
}

/** Goal areas, strategies and targets with their Swedish and English titles. */
export async function readGoalRefs(db: Queryable): Promise<{
  goalAreas: { code: string; name: string; nameEn: string }[];
  strategies: { code: string; name: string; nameEn: string }[];
  targets: {
    code: string;
    name: string;
    nameEn: string;
    goalAreaId: string;
    status: string | null;
    publication: 'draft' | 'published';
  }[];
}> {
  const goalAreas = await db.query<{ code: string; name: string; nameEn: string }>(
    `SELECT id AS code, title_sv AS name, title_en AS "nameEn" FROM goal_area ORDER BY framework, sort, id`,
  );
  const strategies = await db.query<{ code: string; name: string; nameEn: string }>(
    `SELECT id AS code, title_sv AS name, title_en AS "nameEn" FROM strategy ORDER BY sort, id`,
  );
  const targets = await db.query<{
    code: string;
    name: string;
    nameEn: string;
    goalAreaId: string;
    status: string | null;
    publication: 'draft' | 'published';
  }>(
    `SELECT t.id AS code, t.title_sv AS name, t.title_en AS "nameEn", t.goal_area_id AS "goalAreaId", t.publication,
            (SELECT m.status FROM manual_status m WHERE m.target_id = t.id ORDER BY m.set_at DESC, m.id DESC LIMIT 1) AS status
       FROM target t ORDER BY t.sort, t.id`,
  );
  return { goalAreas, strategies, targets };
}

/** The latest value of an indicator for every area of a division, in periods up to `maxPeriod` when given. */
export async function readLatestValues(
  db: Queryable,
  indicatorId: string,
  divisionId: string,
  maxPeriod?: string,
): Promise<{ areaCode: string; period: string; value: string; source: string }[]> {
  return db.query<{ areaCode: string; period: string; value: string; source: string }>(
    `SELECT DISTINCT ON (area_code) area_code AS "areaCode", period, value::text AS value, source
       FROM observation
      WHERE indicator_id = $1 AND division_id = $2 AND breakdown = '' AND value IS NOT NULL
        AND ($3::text IS NULL OR period <= $3::text)
      ORDER BY area_code, period DESC`,
    [indicatorId, divisionId, maxPeriod ?? null],
  );
}

/** Row counts of the register's tables (and the audit log): used to show that a failed import wrote nothing. */
export async function registerCounts(db: Queryable): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    'intervention',
    'intervention_area',
    'intervention_link',
    'budget_line',
    'follow_up',
    'committee',
    'audit_log',
  ]) {
    const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
    out[t] = r?.n ?? 0;
  }
  return out;
}

/** The ids of the draft interventions (for marking them in staff views). */
export async function readDraftInterventionIds(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(`SELECT id FROM intervention WHERE publication = 'draft'`);
  return new Set(rows.map((r) => r.id));
}

/** True when a published intervention has this id (drafts are not linked from public content). */
export async function publishedInterventionExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM intervention WHERE id = $1 AND publication = 'published'`, [id])).length === 1;
}
