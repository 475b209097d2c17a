/** What the routes of the app can reach: the database, settings and the injected effects (clock, randomness). */
import type { Database } from '../db/database.ts';

import type { DataStatus } from '../services/health.ts';
export type { DataStatus };

export interface AppDeps {
  db: Database;
  version: string;
  /** Write routes open without sign-in (development only; never in production). */
  devWrites: boolean;
  dataStatus: DataStatus;
  /** Injected effects: tests pass fixed ones. */
  now: () => Date;
  randomBytes: (n: number) => Uint8Array;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
