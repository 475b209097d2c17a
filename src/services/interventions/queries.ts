/** Read models of the register: the filtered list with totals, and one intervention. */
import type { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import { readDraftInterventionIds, readIntervention, readInterventions } from '../../db/repositories/interventions.ts';
import { areaGroupMemberKeys, areasBelow } from '../../db/repositories/committees.ts';
import { AppError } from '../../core/errors.ts';
import { can, type Actor } from '../../core/access.ts';
import { scopeOf } from './scope.ts';
import { filterInterventions, linesIn, totalsOf, totalsOfList } from '../../core/interventions/budget.ts';
import type { InterventionFilter } from '../../core/interventions/budget.ts';
import { CITY_WIDE, INTERVENTION_STATUSES, type InterventionStatus } from '../../core/interventions/types.ts';
import type { detailResponse, listResponse } from '../../core/contracts/interventions.ts';
import { areaLabel, knownJson, kr, lookups, moneyJson, named } from './presenters.ts';
import { targetStatusesByIds } from '../goals/tree.ts';

export interface ListQuery {
  area?: string | undefined;
  includeCityWide?: 'true' | 'false' | undefined;
  goalArea?: string | undefined;
  committee?: string | undefined;
  status?: InterventionStatus | undefined;
  year?: number | undefined;
  q?: string | undefined;
}

/**
 * The area filter follows the hierarchy: an area stands for itself and every area below it (Järva:
 * its stadsdelar, RegSO and DeSO, and the 2020 areas wholly inside it); `group:<id>` for a named
 * group's members and theirs; city-wide interventions only when asked for.
 */
async function areaFilter(db: Queryable, query: ListQuery): Promise<Partial<InterventionFilter>> {
  const area = query.area;
  if (!area) return {};
  if (area === CITY_WIDE) return { area: CITY_WIDE };
  const roots = area.startsWith('group:') ? await areaGroupMemberKeys(db, [area.slice(6)]) : [area];
  return { areaKeys: new Set(await areasBelow(db, roots)), includeCityWide: query.includeCityWide === 'true' };
}

/** `includeDrafts`: staff see draft interventions too (each carries its publication state). */
export async function listInterventions(
  db: Queryable,
  query: ListQuery,
  opts: { includeDrafts?: boolean } = {},
): Promise<z.infer<typeof listResponse>> {
  const all = await readInterventions(db, undefined, { includeDrafts: opts.includeDrafts ?? false });
  const l = await lookups(db);
  const filter: InterventionFilter = {
    ...(await areaFilter(db, query)),
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
      known: knownJson(linesIn(i, query.year)),
    })),
    options: {
      areas: usedAreas.map((a) => areaLabel(l, a)),
      groups: [...l.groups.values()].map((g) => ({ key: `group:${g.id}`, name: g.name, nameEn: g.nameEn })),
      goalAreas: usedGoals.map((g) => named(l.goalAreas, g)),
      committees: [...new Set(all.map((i) => i.committee))].sort((a, b) => a.localeCompare(b, 'sv')),
      statuses: [...INTERVENTION_STATUSES],
      years,
    },
  };
}

/**
 * One intervention; drafts only with `includeDrafts` (staff), otherwise a draft is 404 like an
 * unknown id. Linked targets that are drafts are left out for everyone (their names and statuses
 * must not appear on a published page).
 */
export async function getInterventionDetail(
  db: Queryable,
  id: string,
  opts: { includeDrafts?: boolean; actor?: Actor | null; asOfYear?: number } = {},
): Promise<z.infer<typeof detailResponse>> {
  const i = await readIntervention(db, id, { includeDrafts: opts.includeDrafts ?? false });
  if (!i) throw new AppError('not_found', `Intervention ${id} was not found`);
  const drafts = await readDraftInterventionIds(db);
  const l = await lookups(db);
  // the targets' computed statuses (as the goals pages show them) when the year is given, else the latest manual ones
  const computed =
    opts.asOfYear === undefined
      ? null
      : new Map((await targetStatusesByIds(db, i.targets, opts.asOfYear)).map((s) => [s.id, s.status]));
  return {
    id: i.id,
    publication: drafts.has(i.id) ? 'draft' : 'published',
    name: i.name,
    description: i.description,
    committee: i.committee,
    committeeId: i.committeeId ?? null,
    fundingSource: i.fundingSource,
    status: i.status,
    startDate: i.startDate,
    endDate: i.endDate,
    citation: i.citation
      ? { document: i.citation.document, section: i.citation.section, quote: i.citation.quote ?? null }
      : null,
    groups: (i.groups ?? []).map((g) => named(l.groups, g)),
    areas: i.areas.map((a) => areaLabel(l, a)),
    goalAreas: i.goalAreas.map((g) => named(l.goalAreas, g)),
    strategies: i.strategies.map((s) => named(l.strategies, s)),
    targets: i.targets.flatMap((t) => {
      const x = l.targets.get(t);
      const status = computed ? (computed.get(t) ?? null) : x?.status;
      return x ? [{ id: t, name: x.name, nameEn: x.nameEn, goalAreaId: x.goalAreaId, status: status ?? null }] : [];
    }),
    budget: i.budget.map((b) => ({
      year: b.year,
      area: b.area === null ? null : areaLabel(l, b.area),
      planned: kr(b.planned),
      decided: kr(b.decided),
      spent: kr(b.spent),
    })),
    totals: moneyJson(totalsOf(i.budget)),
    known: knownJson(i.budget),
    followUps: i.followUps,
    canEdit: can(opts.actor ?? null, 'interventions:write', scopeOf(i)),
  };
}
