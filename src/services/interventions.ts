/**
 * The interventions slice (services/interventions/): read models, budget views, import and export,
 * commands that authorise inside their transaction, and the starting register. This file gathers
 * their exports for callers that import the slice as one module.
 */
export { listInterventions, getInterventionDetail, type ListQuery } from './interventions/queries.ts';
export {
  getBudgetViews,
  PER_RESIDENT_DIVISION,
  POPULATION_INDICATOR,
  NEED_INDICATOR,
} from './interventions/budget-views.ts';
export { knownRefs, previewJson, previewImport, commitImport, exportRegister } from './interventions/transfer.ts';
export { addFollowUp, updateIntervention, setBudgetLine, type CommandContext } from './interventions/commands.ts';
export { interventionsLoader } from './interventions/loading.ts';
export { SYSTEM_USER, type ActingUser } from './acting.ts';
export type { InterventionFileFormat } from '../importers/interventions.ts';
export type { InterventionStatus } from '../core/interventions/types.ts';
