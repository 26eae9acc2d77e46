/**
 * How the API reads a JSON body, for every route at once.
 *
 * - An empty body sent with `Content-Type: application/json` (curl with `-H` and no `-d`, fetch
 *   wrappers that set the header on every request) is no body at all, exactly as a request without
 *   the header: Fastify's own parser refuses it, so a route whose body is optional would answer 400
 *   to the most common way of calling it.
 * - A route declares its body optional in its schema (`.prefault({})` or `.optional()`); Fastify hands
 *   the validator `null` for a missing body, which no zod object or optional accepts, so the body
 *   validator reads it as `undefined`. A required body is still refused, with the path `body`.
 * - Malformed JSON is refused with 400 in the API's error envelope, saying what is wrong with it
 *   (the parser's own message: where it stopped), not Fastify's generic "not valid JSON".
 *
 * Keys that would reach an object's prototype when the body is later merged (`__proto__`, and a
 * `constructor` holding a `prototype`) are refused, as Fastify's default parser refuses them.
 */
import type { FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { ApiError } from './errors.ts';

class PoisonedKey extends Error {}

/** Refuses the keys prototype poisoning uses; every other value passes unchanged. */
function refusePoisonedKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new PoisonedKey('it has a "__proto__" key, which the API refuses');
  if (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype')) throw new PoisonedKey('it has a "constructor" key holding a "prototype", which the API refuses');
  return value;
}

/** The parsed body, or why it is not acceptable JSON. */
function parseJson(text: string): { value: unknown } | { problem: string } {
  try {
    // A byte order mark is not JSON, but editors write one; Fastify's parser drops it too.
    return { value: JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text, refusePoisonedKeys) };
  } catch (error) {
    if (error instanceof PoisonedKey || error instanceof SyntaxError) return { problem: error.message };
    throw error;
  }
}

export function registerJsonBodies(app: FastifyInstance): void {
  // Replaces Fastify's default parser for application/json (and application/json; charset=…), for
  // every route: registered on the root before any route plugin.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    const parsed = parseJson(text);
    if ('problem' in parsed) {
      done(new ApiError(400, 'invalid_json', `the request body is not valid JSON: ${parsed.problem}; send a JSON document, or no body at all where the body is optional`, [{ path: 'body', message: parsed.problem }]), undefined);
      return;
    }
    done(null, parsed.value);
  });
}

/** zod's validator compiler, but a missing body (`null` from Fastify) is `undefined`, which an optional body accepts. */
export const bodyValidatorCompiler: typeof validatorCompiler = (route) => {
  const validate = validatorCompiler(route);
  if (route.httpPart !== 'body') return validate;
  return (data: unknown) => validate(data === null ? undefined : data);
};
