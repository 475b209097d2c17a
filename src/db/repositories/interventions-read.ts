/**
 * Reading the intervention register: interventions with their areas, area groups, links, budget lines and follow-ups.
 * Area codes are `division:code`; a city-wide intervention has `city_wide` set and no area rows.
 */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';
import { CITY_WIDE } from '../../core/interventions/types.ts';
import type { Intervention } from '../../core/interventions/types.ts';
import { attachBudgetLines, attachFollowUps } from './interventions-budget.ts';

type InterventionRow = Pick<
  Rows['intervention'],
  | 'id'
  | 'name'
  | 'description'
  | 'committeeId'
  | 'fundingSource'
  | 'status'
  | 'startDate'
  | 'endDate'
  | 'cityWide'
  | 'sourceDoc'
  | 'sourceSection'
  | 'sourceQuote'
> & { committeeName: Rows['committee']['name'] | null };

/** The query for the intervention rows: published only unless `includeDrafts`, the given ids only, locked when `lock`. */
function interventionRowsQuery(
  ids: readonly string[] | undefined,
  opts: { includeDrafts?: boolean; lock?: boolean },
): { sql: string; params: unknown[] } {
  const filter = ids ? 'AND i.id = ANY($1::text[])' : '';
  const params = ids ? [ids] : [];
  const published = opts.includeDrafts ? 'TRUE' : "i.publication = 'published'";
  const sql = `SELECT i.id, i.name, i.description, i.committee_id AS "committeeId", c.name AS "committeeName",
            i.funding_source AS "fundingSource", i.status, i.start_date AS "startDate", i.end_date AS "endDate",
            i.city_wide AS "cityWide", i.source_doc AS "sourceDoc", i.source_section AS "sourceSection",
            i.source_quote AS "sourceQuote"
       FROM intervention i LEFT JOIN committee c ON c.id = i.committee_id
      WHERE ${published} ${filter}
      ORDER BY i.name, i.id${opts.lock ? ' FOR UPDATE OF i' : ''}`;
  return { sql, params };
}

/** One intervention row as an intervention, before its areas, links, budget and follow-ups are added. */
function toIntervention(r: InterventionRow): Intervention {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    committee: r.committeeName ?? r.committeeId ?? '',
    fundingSource: r.fundingSource,
    areas: r.cityWide ? [CITY_WIDE] : [],
    goalAreas: [],
    strategies: [],
    targets: [],
    startDate: r.startDate,
    endDate: r.endDate,
    status: r.status,
    budget: [],
    followUps: [],
    citation: r.sourceDoc
      ? { document: r.sourceDoc, section: r.sourceSection ?? '', quote: r.sourceQuote ?? null }
      : null,
    committeeId: r.committeeId,
  };
}

/** Adds the area groups of the listed interventions, with the areas of each group as members. */
async function attachGroups(db: Queryable, byId: ReadonlyMap<string, Intervention>): Promise<void> {
  const groups = await db.query<{ intervention_id: string; group_id: string }>(
    `SELECT intervention_id, group_id FROM intervention_area_group WHERE intervention_id = ANY($1::text[]) ORDER BY 1, 2`,
    [[...byId.keys()]],
  );
  const members = await db.query<{ group_id: string; division_id: string; area_code: string }>(
    `SELECT group_id, division_id, area_code FROM area_group_member WHERE group_id = ANY($1::text[])`,
    [[...new Set(groups.map((g) => g.group_id))]],
  );
  for (const g of groups) {
    const i = byId.get(g.intervention_id);
    if (!i) continue;
    i.groups = [...(i.groups ?? []), g.group_id];
    i.groupMembers = [
      ...(i.groupMembers ?? []),
      ...members.filter((m) => m.group_id === g.group_id).map((m) => `${m.division_id}:${m.area_code}`),
    ];
  }
}

/** Adds the areas (`division:code`) of the listed interventions. */
async function attachAreas(db: Queryable, byId: ReadonlyMap<string, Intervention>, idList: string[]): Promise<void> {
  const areas = await db.query<{ intervention_id: string; division_id: string; area_code: string }>(
    `SELECT intervention_id, division_id, area_code FROM intervention_area WHERE intervention_id = ANY($1::text[])
      ORDER BY intervention_id, division_id, area_code`,
    [idList],
  );
  for (const a of areas) byId.get(a.intervention_id)?.areas.push(`${a.division_id}:${a.area_code}`);
}

/** Adds the goal areas, strategies and targets the listed interventions link to. */
async function attachLinks(db: Queryable, byId: ReadonlyMap<string, Intervention>, idList: string[]): Promise<void> {
  const links = await db.query<{ intervention_id: string; kind: 'goal_area' | 'strategy' | 'target'; ref_id: string }>(
    `SELECT intervention_id, kind, ref_id FROM intervention_link WHERE intervention_id = ANY($1::text[]) ORDER BY intervention_id, kind, ref_id`,
    [idList],
  );
  for (const l of links) {
    const i = byId.get(l.intervention_id);
    if (!i) continue;
    (l.kind === 'goal_area' ? i.goalAreas : l.kind === 'strategy' ? i.strategies : i.targets).push(l.ref_id);
  }
}

/** The published register (or the given ids; with drafts when `includeDrafts`), with everything belonging to each intervention. */
export async function readInterventions(
  db: Queryable,
  ids?: readonly string[],
  opts: { includeDrafts?: boolean; lock?: boolean } = {},
): Promise<Intervention[]> {
  const { sql, params } = interventionRowsQuery(ids, opts);
  const rows = await db.query<InterventionRow>(sql, params);
  const byId = new Map<string, Intervention>();
  for (const r of rows) byId.set(r.id, toIntervention(r));
  if (byId.size === 0) return [];
  const idList = [...byId.keys()];
  await attachGroups(db, byId);
  await attachAreas(db, byId, idList);
  await attachLinks(db, byId, idList);
  await attachBudgetLines(db, byId, idList);
  await attachFollowUps(db, byId, idList);
  return [...byId.values()];
}

/** One intervention (published, or with drafts when `includeDrafts`), or null. */
export async function readIntervention(
  db: Queryable,
  id: string,
  opts: { includeDrafts?: boolean; lock?: boolean } = {},
): Promise<Intervention | null> {
  return (await readInterventions(db, [id], opts))[0] ?? null;
}
