/**
 * Hardening that applies to every route:
 *
 * - security headers (helmet), with a Content-Security-Policy the built designer works under (its
 *   scripts and styles are files of its own origin; React Flow positions nodes with inline styles);
 * - the rate limiter, registered once with `global: false`: routes opt in with
 *   `config: { rateLimit: { max, timeWindow } }`, `app.rateLimit(...)` or `app.createRateLimit(...)`
 *   (auth.ts counts refused requests per address with it), and `routeRateLimits` below sets the
 *   limits of routes that issue credentials;
 * - a body size limit for every route by kind: JSON bodies are small, a few larger ones are named in
 *   `bodyLimits`, and routes that set their own (CSV imports, callbacks) keep it;
 * - strict request schemas: unknown fields in a body, query or path are refused with 400;
 * - text that cannot be stored refused with 400 naming the field, wherever it appears (path, query,
 *   JSON body, field names included): NUL, unpaired UTF-16 surrogates, control characters other
 *   than tab and line breaks (workflows/dsl/text.ts); PostgreSQL's JSON type or Temporal would
 *   otherwise refuse it after validation passed, as a 500. Routes whose bodies hold records that
 *   are accepted or refused one by one (`perRecordText`) check their records' text themselves;
 * - JSON bodies nest at most `maxJsonDepth` levels, so no schema recurses deep enough to overflow.
 *
 * It must be registered before any route: the limits are attached in onRoute hooks.
 */
import helmet from '@fastify/helmet';
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { z } from 'zod';
import { findTextProblems, maxJsonDepth, type TextProblem } from '../../workflows/dsl/text.ts';
import { ApiError } from './errors.ts';

const mib = 1024 * 1024;

/** The body limit of a route that names none: JSON requests of the API are small. */
export const jsonBodyLimit = mib;

/** Routes whose JSON bodies are legitimately larger (batches). CSV imports set their own limit. */
export const bodyLimits: Readonly<Record<string, number>> = {
  'POST /api/runs': 2 * mib,
  'POST /api/inbound/scim/bulkUpload': 2 * mib,
  'POST /api/codec/decode': 5 * mib,
  'POST /api/codec/encode': 5 * mib,
};

/** Routes that hand out credentials: a stolen admin token must not mint tokens in bulk. */
export const routeRateLimits: Readonly<Record<string, RateLimitOptions>> = {
  'POST /api/users/:id/tokens': { max: 20, timeWindow: 60_000 },
};

/**
 * A request schema that refuses unknown fields: an object schema that did not say how to treat them
 * (zod's default strips them silently) becomes strict. One that says `.loose()` keeps its choice: a
 * protocol with extension attributes (SCIM) needs it, and the hardening test lists those routes.
 */
function strictened(schema: unknown): unknown {
  if (schema instanceof z.ZodObject && schema.def.catchall === undefined) return schema.strict();
  if (schema instanceof z.ZodOptional) {
    const inner = strictened(schema.def.innerType);
    return inner instanceof z.ZodType && inner !== schema.def.innerType ? inner.optional() : schema;
  }
  return schema;
}

function strictSchema(schema: FastifySchema): FastifySchema {
  const strict: FastifySchema = { ...schema };
  for (const part of ['body', 'querystring', 'params'] as const) if (schema[part] !== undefined) strict[part] = strictened(schema[part]);
  return strict;
}

/**
 * Routes whose bodies are batches of records, each accepted or refused on its own: text in a record
 * refuses that record (the route reports it by index), not the whole request. Their depth is capped.
 */
export const perRecordText: Readonly<Record<string, string>> = {
  'POST /api/inbound/scim/bulkUpload': 'each SCIM operation is read on its own (server/hr/scimBulk.ts); a bad one is answered by its index',
  'POST /api/hr/imports': 'a CSV snapshot is text, refused line by line and column by column (server/hr/csvSnapshot.ts)',
};

function refusal(problems: readonly TextProblem[], tooDeep: TextProblem | undefined): ApiError {
  if (tooDeep !== undefined) return new ApiError(400, 'invalid_request', `the request ${tooDeep.path} ${tooDeep.message}`, [tooDeep]);
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more, listed in details)` : '';
  return new ApiError(400, 'invalid_request', `the request holds text that cannot be stored: ${first ? `${first.path} ${first.message}` : ''}${more}; fix it and send it again`, [...problems]);
}

export async function registerHardening(app: FastifyInstance): Promise<void> {
  // After authentication (an anonymous caller still hears 401 first), before validation and handler.
  app.addHook('preValidation', async (request) => {
    // A NUL in the path or query may not survive decoding as a string: refuse it from the raw URL.
    if (/%00/i.test(request.url)) throw refusal([{ path: 'url', message: 'holds a NUL character (%00), which no field accepts' }], undefined);
    const walks = [findTextProblems(request.params, { root: ['params'] }), findTextProblems(request.query, { root: ['querystring'] })];
    const perRecord = perRecordText[`${request.method} ${request.routeOptions.url ?? ''}`] !== undefined;
    // A raw byte body (none today) is not text: only parsed JSON and text bodies are walked.
    if (typeof request.body === 'object' && request.body !== null && !ArrayBuffer.isView(request.body)) {
      const body = findTextProblems(request.body, { root: ['body'], maxDepth: maxJsonDepth });
      walks.push(perRecord ? { problems: [], ...(body.tooDeep ? { tooDeep: body.tooDeep } : {}) } : body);
    } else if (typeof request.body === 'string' && !perRecord) {
      walks.push(findTextProblems(request.body, { root: ['body'] }));
    }
    const problems = walks.flatMap((w) => w.problems);
    const tooDeep = walks.find((w) => w.tooDeep !== undefined)?.tooDeep;
    if (problems.length > 0 || tooDeep !== undefined) throw refusal(problems.slice(0, 20), tooDeep);
    return Promise.resolve();
  });

  // Before the rate limiter registers: its own onRoute hook reads the config set here.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const keys = methods.map((m) => `${m} ${route.url}`);
    const limit = keys.map((k) => routeRateLimits[k]).find((l) => l !== undefined);
    if (limit !== undefined && route.config?.rateLimit === undefined) route.config = { ...route.config, rateLimit: limit };
    route.bodyLimit ??= keys.map((k) => bodyLimits[k]).find((l) => l !== undefined) ?? jsonBodyLimit;
    if (route.schema !== undefined) route.schema = strictSchema(route.schema);
  });

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new ApiError(context.statusCode, 'too_many_requests', `too many requests; try again in ${context.after}`),
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React Flow positions nodes with inline style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Served over plain HTTP on loopback in development: upgrading would break it.
        upgradeInsecureRequests: null,
      },
    },
    // Nothing of Tenure is meant to be framed (clickjacking of the approve button).
    xFrameOptions: { action: 'deny' },
  });
}
