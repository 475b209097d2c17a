// The starting register: the interventions of the source documents (data/framework/interventions.json,
// written with the goals framework) turned into register records. Pure: area names are resolved by a
// function passed in.

import type { Intervention as FrameworkIntervention } from '../goals/framework-schema.ts';
import { CITY_WIDE } from './types.ts';
import type { Intervention, InterventionStatus } from './types.ts';

/** The framework's statuses in the register's terms. */
export const FRAMEWORK_STATUS: Readonly<Record<FrameworkIntervention['status'], InterventionStatus>> = {
  proposed: 'planned',
  decided: 'decided',
  ongoing: 'running',
  completed: 'finished',
};

/** The funding source when a document does not name one (a missing committee is the empty string). */
export const NOT_STATED = 'Ej angiven';

export interface RegisterConversion {
  intervention: Intervention;
  /** Target-area names that are no known area (e.g. "Stureplan", "Söderort"): kept out of the areas. */
  unresolvedAreas: string[];
}

/**
 * Converts one framework intervention. `resolveArea` gives the `division:code` of an area name (or
 * the keys of a named group's areas) or null. An empty target-area list means city-wide (as the framework file documents). Amounts are
 * decided-as-proposed money in the source documents, so they become the planned amount of the year.
 */
export function fromFramework(
  f: FrameworkIntervention,
  resolveArea: (name: string) => string | readonly string[] | null,
): RegisterConversion {
  const areas: string[] = [];
  const unresolvedAreas: string[] = [];
  for (const name of f.targetAreas) {
    const keys = resolveArea(name);
    if (keys === null) unresolvedAreas.push(name);
    else for (const key of typeof keys === 'string' ? [keys] : keys) if (!areas.includes(key)) areas.push(key);
  }
  if (f.targetAreas.length === 0) areas.push(CITY_WIDE);
  const budget = Object.entries(f.amountsPerYear)
    .map(([year, kronor]) => ({ year: Number(year), area: null, planned: BigInt(kronor), decided: null, spent: null }))
    .sort((a, b) => a.year - b.year);
  const description = f.note ? `${f.description}\n\n${f.note}` : f.description;
  return {
    intervention: {
      id: f.id,
      name: f.name.sv,
      description,
      committee: f.responsibleCommittee ?? '',
      fundingSource: f.fundingSource ?? NOT_STATED,
      areas: [...areas].sort(),
      goalAreas: [...f.linkedGoalAreas].sort(),
      strategies: [...f.linkedStrategies].sort(),
      targets: [...f.linkedTargets].sort(),
      startDate: null,
      endDate: null,
      status: FRAMEWORK_STATUS[f.status],
      budget,
      followUps: [],
      citation: { document: f.citation.document, section: f.citation.section, quote: f.citation.quote ?? null },
    },
    unresolvedAreas,
  };
}
