/**
 * The API's contract as an OpenAPI 3.1 document, generated from the zod schemas that validate each
 * route (fastify-type-provider-zod's transform), served at GET /api/openapi.json. Integrators and
 * contract testers (test/contract/api.test.ts runs schemathesis from it) work from this document,
 * so it must say what the server really does:
 *
 * - every route declares what it answers when it succeeds (responses.ts, unless the route declares
 *   it itself) and answers its errors with the envelope of errors.ts; an `onRoute` hook attaches
 *   both (the envelope for the 4xx and 5xx ranges a route does not declare), so the serializer
 *   checks each body against them as it is sent, and the document lists them;
 * - the designer's pages and built files are not API: they are left out;
 * - a recursive schema (a rule's condition nests conditions: all, any, not) is written once, as a
 *   component its uses refer to: inline, it would refer to a component nobody declared;
 * - a body the route's schema lets the caller leave out (`.prefault({})`, `.optional()`) is not
 *   `required`: @fastify/swagger marks every declared body required, so the transform tags such
 *   routes and the document's last pass relaxes them.
 *
 * It must be registered before any route: both the hook and @fastify/swagger collect routes as they
 * are registered.
 */
import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conditionSchema } from '../../workflows/dsl/index.ts';
import { accessFor, isPublic } from './access.ts';
import { errorBodySchema } from './errors.ts';
import { responsesFor } from './responses.ts';

export const openApiPath = '/api/openapi.json';

/** Routes of the designer (its pages and built files), which are not part of the API. */
const notApi = (url: string) => url === '/*' || !(url.startsWith('/api/') || url.startsWith('/auth/') || url.startsWith('/hooks/') || url.startsWith('/healthz') || url === '/metrics');

/** The schemas the document declares as components, by name (an input's name gets `Input` appended). */
const components = z.registry<{ id: string }>();
components.add(conditionSchema, { id: 'Condition' });
const jsonSchemaTransform = createJsonSchemaTransform({ schemaRegistry: components });
const jsonSchemaTransformObject = createJsonSchemaTransformObject({ schemaRegistry: components });

/** Set on an operation whose body may be left out; @fastify/swagger copies `x-` keys to the operation. */
const optionalBody = 'x-tenure-optional-body';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const bodyAcceptsNothing = (body: unknown) => body instanceof z.ZodType && body.safeParse(undefined).success;

/** Says `required: false` for the bodies the transform tagged optional, and drops the tags. */
function relaxOptionalBodies(document: unknown): void {
  const paths = isRecord(document) && isRecord(document.paths) ? Object.values(document.paths) : [];
  for (const operation of paths.flatMap((operations) => (isRecord(operations) ? Object.values(operations) : []))) {
    if (!isRecord(operation) || operation[optionalBody] !== true) continue;
    Reflect.deleteProperty(operation, optionalBody);
    if (isRecord(operation.requestBody)) operation.requestBody.required = false;
  }
}

const { version } = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')));

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (notApi(route.url)) return;
    const schema = route.schema ?? {};
    const method = [route.method].flat()[0] ?? 'GET';
    const declared: Record<string, unknown> = { ...responsesFor(method, route.url), ...(typeof schema.response === 'object' && schema.response !== null ? schema.response : {}) };
    declared['4xx'] ??= errorBodySchema;
    declared['5xx'] ??= errorBodySchema;
    route.schema = { ...schema, response: declared };
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tenure API',
        version,
        description: 'Identity lifecycle engine. Errors answer `{ error: { code, message, details? } }`; `details` names each field at fault.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`tnr_…`) or the bootstrap admin token' },
        },
      },
      security: [{ bearer: [] }],
    },
    transformObject: (documentObject) => {
      const document = jsonSchemaTransformObject(documentObject);
      relaxOptionalBodies(document);
      return document;
    },
    transform: (document) => {
      if (notApi(document.url)) return { schema: { hide: true }, url: document.url };
      const transformed = jsonSchemaTransform(document);
      const access = accessFor([document.route.method].flat()[0] ?? 'GET', document.url);
      const schema = {
        ...transformed.schema,
        // Public routes carry their own proof (a signed link, a callback token) or need none.
        ...(access !== undefined && isPublic(access) ? { security: [] } : {}),
        ...(bodyAcceptsNothing(document.schema.body) ? { [optionalBody]: true } : {}),
      };
      return { ...transformed, schema };
    },
  });

  app.get(openApiPath, { schema: { hide: true } }, () => Promise.resolve(app.swagger()));
}
