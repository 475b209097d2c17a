/**
 * The interventions slice (services/interventions/): read models, budget views, import and export,
 * commands that authorise inside their transaction, and the starting register. This index gathers
 * their exports for callers that import the slice as one module.
 */
export { listInterventions, getInterventionDetail, type ListQuery } from './queries.ts';
export { getBudgetViews, PER_RESIDENT_DIVISION, POPULATION_INDICATOR, NEED_INDICATOR } from './budget-views.ts';
export { knownRefs, previewJson, previewImport, commitImport, exportRegister } from './transfer.ts';
export { addFollowUp, updateIntervention, setBudgetLine, type CommandContext } from './commands.ts';
export { interventionsLoader } from './loading.ts';
export { SYSTEM_USER, type ActingUser } from '../acting.ts';
export type { InterventionFileFormat } from '../../importers/interventions.ts';
export type { InterventionStatus } from '../../core/interventions/types.ts';
