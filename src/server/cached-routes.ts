/**
 * The read routes served from the response cache (src/server/cache.ts) and the data domains each depends on
 * (src/db/data-version.ts). Every cached route also depends on 'other' (tables no domain claims). A route
 * belongs here only when its response is a function of the data, the requester's visibility (public or staff)
 * and the day: never of the individual user.
 */
import type { DataDomain } from '../db/data-version.ts';

const GEO: DataDomain[] = ['geography'];
const STATS: DataDomain[] = ['statistics', 'geography'];
const GOALS: DataDomain[] = ['goals', 'statistics', 'geography', 'interventions'];
const INTERVENTIONS: DataDomain[] = ['interventions', 'goals', 'geography'];
// One intervention also shows the computed status of its targets (from the statistics).
const INTERVENTION: DataDomain[] = [...INTERVENTIONS, 'statistics'];
// Budget views weigh spending per resident (population and need from the statistics).
const BUDGET: DataDomain[] = ['interventions', 'goals', 'geography', 'statistics'];
// A saved scenario stores its result: it changes only when scenarios are saved or removed.
const SCENARIOS: DataDomain[] = ['analysis'];
const PARTICIPATION: DataDomain[] = ['participation', 'geography', 'interventions', 'goals'];

const api = '/api/v1';

export const CACHED_ROUTES: Readonly<Record<string, readonly DataDomain[]>> = {
  // Statistics: profiles, comparisons, indicator maps and values.
  [`${api}/profiles/catalog`]: STATS,
  [`${api}/areas/:division/:code/profile`]: STATS,
  [`${api}/compare`]: STATS,
  [`${api}/indicators/:id/map`]: STATS,
  [`${api}/divisions`]: STATS,
  [`${api}/areas`]: STATS,
  [`${api}/crosswalks`]: GEO,
  [`${api}/indicators`]: STATS,
  [`${api}/indicators/:id/values`]: STATS,
  // Analysis: segregation, divides, need index (which may weigh planned spending), allocation scenarios.
  [`${api}/analysis/options`]: STATS,
  [`${api}/analysis/areas/:division`]: STATS,
  [`${api}/analysis/segregation`]: STATS,
  [`${api}/analysis/segregation/multigroup`]: STATS,
  [`${api}/analysis/divides`]: STATS,
  [`${api}/analysis/need-index`]: [...STATS, 'interventions'],
  [`${api}/analysis/scenarios`]: SCENARIOS,
  [`${api}/analysis/scenarios/compare`]: SCENARIOS,
  [`${api}/analysis/scenarios/:id`]: SCENARIOS,
  // Goals and their statuses.
  [`${api}/goals`]: GOALS,
  [`${api}/targets/:id`]: GOALS,
  // Interventions: the list, budget views, one intervention.
  [`${api}/interventions`]: INTERVENTIONS,
  [`${api}/interventions/budget`]: BUDGET,
  [`${api}/interventions/:id`]: INTERVENTION,
  // Participatory budgeting: results (MES, greedy) and the processes.
  [`${api}/participation/processes`]: PARTICIPATION,
  [`${api}/participation/processes/:id`]: PARTICIPATION,
  [`${api}/participation/processes/:id/results`]: PARTICIPATION,
};
