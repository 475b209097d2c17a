/**
 * Analysis use cases: segregation measures with their trend and Moran's I, the need index with area
 * types, and allocation scenarios set against the money planned in the interventions register.
 * Methods: docs/methods.md. Reads through src/db/repositories/analysis.ts; calculations in src/core/analysis.
 */
export {
  NEED_BASE_DIVISION,
  POPULATION_INDICATOR,
  SEGREGATION_PRESETS,
  DEFAULT_NEED_INDICATORS,
  type SegregationPreset,
  type NeedIndicatorChoice,
} from './presets.ts';
export { analysisOptions, divisionAreas } from './options.ts';
export { segregation, type SegregationQuery, type SegregationResponse } from './segregation.ts';
export { MULTIGROUP_SETS, multigroupSegregation, type MultigroupSet } from './multigroup.ts';
export { dividesService } from './divides.ts';
export { needIndexService, type NeedQuery } from './need-index.ts';
export { plannedByArea, computeAllocation, type AllocationParams, type AllocationResponse } from './allocation.ts';
export { saveScenario, listScenarios, getScenarios, removeScenario } from './scenarios.ts';
export { methodsDocument } from './methods.ts';
