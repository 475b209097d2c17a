/** What the routes of the app can reach: the database, settings and the injected effects (clock, randomness). */
import type { Database } from '../db/database.ts';

export interface DataStatus {
  /** The data directory in use, or null when none was found. */
  dataDir: string | null;
  /** True when the reference dataset is in the database. */
  loaded: boolean;
  /** A sentence for the overview page and the log when something is missing. */
  message: string | null;
}

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
