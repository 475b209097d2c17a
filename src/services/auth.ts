/** Accounts, sign-in and sessions live in ./auth/; this re-export keeps older imports working. */
export * from './auth/index.ts';
