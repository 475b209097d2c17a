/** The goals slice's services: loading and sync, read models, commands. */
export {
  frameworkLoader,
  goalsFrameworkLoader,
  goalsPolisenLoader,
  goalsStartupLoaders,
  frameworkIndicators,
} from './loading.ts';
export { syncFramework, listSyncConflicts, frameworkHash } from './sync.ts';
export { evaluateTarget } from './evaluate.ts';
export { getGoalsTree, targetStatusesByIds } from './tree.ts';
export { assessmentYear, getTargetDetail } from './detail.ts';
export { getVersions, changeItem, setManualStatus } from './commands.ts';
export { createCommitment, createGoalArea, createStrategy, createTarget } from './create.ts';
