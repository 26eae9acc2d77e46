/** Drafts, validation and publishing of lifecycle definitions. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { definitionSchema, identifier, type Problem } from '../../workflows/dsl/index.ts';
import type { AppDeps } from '../app.ts';
import type { Queryable } from '../db/database.ts';
import { checkDefinition } from '../db/definitionCheck.ts';
import { Conflict, Invalid, NotFound, type StoredDefinition } from '../db/definitions.ts';
import { callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';

/** Revisions are stored as a PostgreSQL integer: a larger number is refused as 400 before a query fails on it. */
export const maxRevision = 2_147_483_647;

const idParams = z.strictObject({ id: identifier });

/** Maps the store's domain errors to HTTP answers. */
export async function storeCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof NotFound) throw new ApiError(404, 'not_found', error.message);
    if (error instanceof Conflict) throw new ApiError(409, 'conflict', error.message);
    if (error instanceof Invalid) throw new ApiError(400, 'invalid_definition', error.message, error.problems);
    throw error;
  }
}

/** A stored draft with what publishing it would refuse, connections included. */
async function withProblems(db: Queryable, stored: StoredDefinition): Promise<StoredDefinition & { problems: Problem[] }> {
  return { ...stored, problems: (await checkDefinition(db, stored.definition)).problems };
}

function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!m) throw new ApiError(400, 'bad_request', 'If-Match must be the version number the ETag gave, e.g. "3"');
  return Number(m[1]);
}

export const definitionRoutes =
  ({ definitions, db }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/definitions', { schema: { body: definitionSchema } }, async (request, reply) => {
      const stored = await storeCall(() => definitions.create(request.body, callerOf(request).id));
      return reply.code(201).header('etag', `"${stored.version}"`).send(await withProblems(db, stored));
    });

    app.get('/api/definitions', async () => {
      const all = await definitions.list();
      return {
        definitions: all.map((d) => ({
          id: d.id,
          name: d.definition.name,
          lifecycle: d.definition.lifecycle,
          version: d.version,
          latestRevision: d.latestRevision,
          updatedAt: d.updatedAt,
          updatedBy: d.updatedBy,
        })),
      };
    });

    // Any JSON is a draft to check (the answer lists its problems), but no body at all (which Fastify
    // hands over as null) is a mistake of the caller.
    const draftToCheck = z.unknown().refine((body) => body !== undefined && body !== null, { error: 'send the draft definition to validate as the JSON body' });
    // Exactly what publish would refuse: both call checkDefinition.
    app.post('/api/definitions/validate', { schema: { body: draftToCheck } }, async (request) => {
      const result = await checkDefinition(db, request.body);
      return { valid: result.valid, problems: result.problems };
    });

    app.get('/api/definitions/:id', { schema: { params: idParams } }, async (request, reply) => {
      const stored = await storeCall(() => definitions.get(request.params.id));
      return reply.header('etag', `"${stored.version}"`).send(await withProblems(db, stored));
    });

    app.put(
      '/api/definitions/:id',
      { schema: { params: idParams, body: definitionSchema, headers: z.object({ 'if-match': z.string().optional() }) } },
      async (request, reply) => {
        const stored = await storeCall(() =>
          definitions.update(request.params.id, request.body, callerOf(request).id, expectedVersion(request.headers['if-match'])),
        ).catch((error: unknown) => {
          if (error instanceof ApiError && error.statusCode === 409 && request.headers['if-match'] !== undefined) {
            throw new ApiError(412, 'precondition_failed', error.message);
          }
          throw error;
        });
        return reply.header('etag', `"${stored.version}"`).send(await withProblems(db, stored));
      },
    );

    app.post('/api/definitions/:id/publish', { schema: { params: idParams } }, async (request, reply) => {
      const { revision, created } = await storeCall(() => definitions.publish(request.params.id, callerOf(request).id));
      return reply.code(created ? 201 : 200).send({ revision, created });
    });

    app.get('/api/definitions/:id/revisions/:number', { schema: { params: idParams.extend({ number: z.coerce.number().int().min(1).max(maxRevision) }) } }, async (request) => {
      return storeCall(() => definitions.revisionContent(request.params.id, request.params.number));
    });

    app.get('/api/definitions/:id/revisions', { schema: { params: idParams } }, async (request) => {
      return { revisions: await storeCall(() => definitions.revisions(request.params.id)) };
    });
    return Promise.resolve();
  };
