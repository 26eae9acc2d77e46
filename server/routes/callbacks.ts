/** Callbacks from outside systems to steps waiting on them (HTTP callouts in launch-and-wait mode). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';

export const callbackRoutes =
  (_deps: AppDeps): FastifyPluginAsyncZod =>
  async () => Promise.resolve();
