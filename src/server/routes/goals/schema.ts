/** The goals routes' schemas are the contracts in src/core/contracts/goals.ts (one per endpoint). */
export * from '../../../core/contracts/goals.ts';
