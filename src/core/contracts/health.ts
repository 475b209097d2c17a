/** The health endpoint's answer: liveness, the database engine and whether the reference data is loaded. */
import { z } from 'zod';

export const healthResponse = z.object({
  /** `degraded`: the process runs but the database cannot be reached (answered with 503). */
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
  data: z.object({ dataDir: z.string().nullable(), loaded: z.boolean(), message: z.string().nullable() }),
});
