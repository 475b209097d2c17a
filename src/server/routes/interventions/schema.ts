/** The interventions routes use the contract in src/core/contracts/interventions.ts. */
export * from '../../../core/contracts/interventions.ts';
