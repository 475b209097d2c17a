/** The analysis slice lives in ./analysis/; this re-export keeps older imports working. */
export * from './analysis/index.ts';
