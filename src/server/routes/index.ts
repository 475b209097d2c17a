/** Every feature's routes, mounted under /api/v1. One folder per feature: routes.ts (thin handlers) + schema.ts (zod). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import health from './health/routes.ts';
import meta from './meta/routes.ts';
import areas from './areas/routes.ts';
import indicators from './indicators/routes.ts';
import goals from './goals/routes.ts';
import interventions from './interventions/routes.ts';
import analysis from './analysis/routes.ts';
import auth from './auth/routes.ts';
import participation from './participation/routes.ts';
import reports from './reports/routes.ts';
import committees from './committees/routes.ts';
import imports from './imports/routes.ts';

export const apiRoutes: FastifyPluginAsyncZod[] = [
  health,
  meta,
  areas,
  indicators,
  goals,
  interventions,
  analysis,
  auth,
  participation,
  reports,
  committees,
  imports,
];
