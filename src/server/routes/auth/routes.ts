import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Routes of the auth feature (schemas in ./schema.ts beside this file).
const routes: FastifyPluginAsyncZod = async () => {};
export default routes;
