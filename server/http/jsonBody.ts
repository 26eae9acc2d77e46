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
 * - A body whose bytes are not UTF-8 (a client that sent Windows-1252 or Latin-1) is refused with 400
 *   naming the byte offset of the first bad sequence, as CSV imports refuse such files: decoding it
 *   leniently would store U+FFFD in people's names.
 *
 * The same parser reads `application/scim+json` for the SCIM routes that accept it
 * (server/routes/inbound.ts), so both media types are held to the same rules.
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

/** Decodes UTF-8 and throws (a TypeError) at a byte sequence that is not UTF-8; a byte-order mark is kept for parseJson. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Where the first byte sequence that is not UTF-8 starts, by the WHATWG decoder's rules (the ones
 * TextDecoder applies: no overlong forms, no surrogates, nothing above U+10FFFF, no truncated
 * sequence); -1 when there is none. Only asked after the decoder refused the body.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    // The continuation bytes a lead byte needs, and the range its first continuation byte must be in.
    const [needs, low, high] =
      lead >= 0xc2 && lead <= 0xdf ? [1, 0x80, 0xbf]
      : lead === 0xe0 ? [2, 0xa0, 0xbf]
      : lead === 0xed ? [2, 0x80, 0x9f]
      : lead >= 0xe1 && lead <= 0xef ? [2, 0x80, 0xbf]
      : lead === 0xf0 ? [3, 0x90, 0xbf]
      : lead === 0xf4 ? [3, 0x80, 0x8f]
      : lead >= 0xf1 && lead <= 0xf3 ? [3, 0x80, 0xbf]
      : [0, 0, 0];
    if (needs === 0) return i;
    for (let k = 1; k <= needs; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += needs + 1;
  }
  return -1;
}

/** The body as text, or the offset of its first byte that is not UTF-8. */
function decodeUtf8(bytes: Buffer): { text: string } | { badByteAt: number } {
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch (error) {
    if (error instanceof TypeError) return { badByteAt: firstInvalidUtf8(bytes) };
    throw error;
  }
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

/** The parser of JSON bodies (see the top of this module), for `addContentTypeParser(type, { parseAs: 'buffer' }, …)`. */
export function parseJsonBody(_request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void): void {
  const decoded = decodeUtf8(body);
  if ('badByteAt' in decoded) {
    const problem = `the byte at offset ${decoded.badByteAt} starts a sequence that is not UTF-8`;
    done(new ApiError(400, 'invalid_json', `the request body is not UTF-8: ${problem} (text in Windows-1252 or Latin-1?); send the JSON encoded as UTF-8`, [{ path: 'body', message: problem }]), undefined);
    return;
  }
  const text = decoded.text;
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
}

export function registerJsonBodies(app: FastifyInstance): void {
  // Replaces Fastify's default parser for application/json (and application/json; charset=…), for
  // every route: registered on the root before any route plugin.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJsonBody);
}

/** zod's validator compiler, but a missing body (`null` from Fastify) is `undefined`, which an optional body accepts. */
export const bodyValidatorCompiler: typeof validatorCompiler = (route) => {
  const validate = validatorCompiler(route);
  if (route.httpPart !== 'body') return validate;
  return (data: unknown) => validate(data === null ? undefined : data);
};
