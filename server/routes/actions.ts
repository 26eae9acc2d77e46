/** GET /api/actions: the action catalog, with each action's input and output JSON Schema. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { describeCatalog } from '../../workflows/dsl/index.ts';

export const actionRoutes: FastifyPluginAsyncZod = async (app) => {
  const catalog = { actions: describeCatalog() };
  app.get('/api/actions', async () => Promise.resolve(catalog));
  return Promise.resolve();
};
