import { z } from 'zod';

export const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
  data: z.object({ dataDir: z.string().nullable(), loaded: z.boolean(), message: z.string().nullable() }),
});
