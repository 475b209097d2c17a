/** The goals slice lives in ./goals/; this re-export keeps older imports working. */
export * from './goals/index.ts';
