import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import proposalRoutes from './proposals.ts';
import budgetRoutes from './budgets.ts';

// Routes of participation. Reading, submitting a proposal, supporting one and voting with a code are
// public; staff work goes through the guard ('participation:moderate' or 'participation:manage') and
// the services authorise inside their transactions (district editors: their committee's areas).
const routes: FastifyPluginAsyncZod = async (app) => {
  await proposalRoutes(app, {});
  await budgetRoutes(app, {});
};
export default routes;
