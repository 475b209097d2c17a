/** The analysis routes' schemas are the contracts in src/core/contracts/analysis.ts. */
export * from '../../../core/contracts/analysis.ts';
