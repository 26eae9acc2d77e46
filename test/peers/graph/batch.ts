/**
 * JSON batching (https://learn.microsoft.com/graph/json-batching): `POST /$batch` with up to 20
 * requests `{ id, method, url, headers?, body? }`; a request with a body needs a Content-Type
 * header. The batch answers 200 with one response per request `{ id, status, headers, body }`,
 * in any order (here deliberately reversed, so a client that relies on order fails), and each
 * request can be throttled on its own with 429 and a Retry-After header.
 */
import { errorBody, GraphFault } from './errors.ts';
import type { GraphRequest, GraphResponse } from './router.ts';

export interface BatchItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface BatchHooks {
  /** Seconds to answer 429 with, when this sub-request is to be throttled. */
  throttle(): number | undefined;
  dispatch(req: GraphRequest): GraphResponse;
  log(method: string, path: string, status: number): void;
}

function field(o: unknown, name: string): unknown {
  return typeof o === 'object' && o !== null ? Reflect.get(o, name) : undefined;
}

function item(id: string, res: GraphResponse): BatchItemResponse {
  return {
    id,
    status: res.status,
    headers: { ...(res.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...res.headers },
    ...(res.body === undefined ? {} : { body: res.body }),
  };
}

export function runBatch(body: unknown, baseUrl: string, hooks: BatchHooks): GraphResponse {
  const requests = field(body, 'requests');
  if (!Array.isArray(requests) || requests.length === 0) throw new GraphFault(400, 'BadRequest', 'Invalid batch payload format.');
  if (requests.length > 20) throw new GraphFault(400, 'BadRequest', `Number of batch requests (${requests.length}) exceeds the maximum of 20.`);
  const ids = new Set<string>();
  const responses: BatchItemResponse[] = [];
  for (const r of requests) {
    const id = field(r, 'id');
    const method = field(r, 'method');
    const url = field(r, 'url');
    if (typeof id !== 'string' || typeof method !== 'string' || typeof url !== 'string') throw new GraphFault(400, 'BadRequest', 'Invalid batch payload format: each request needs id, method and url.');
    if (ids.has(id)) throw new GraphFault(400, 'BadRequest', `Batch request ids must be unique; '${id}' is repeated.`);
    ids.add(id);
    const headers = Object.fromEntries(Object.entries(field(r, 'headers') ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const subBody = field(r, 'body');
    const full = new URL(url.replace(/^\/+/, ''), `${baseUrl}/`);
    const path = full.pathname.slice(new URL(baseUrl).pathname.length);
    const retryAfter = hooks.throttle();
    let res: GraphResponse;
    if (retryAfter !== undefined) {
      res = { status: 429, headers: { 'Retry-After': String(retryAfter) }, body: errorBody(new GraphFault(429, 'TooManyRequests', 'Too many requests. Retry after the time given in the Retry-After header.'), undefined) };
    } else if (subBody !== undefined && headers['content-type'] === undefined) {
      res = { status: 400, body: errorBody(new GraphFault(400, 'BadRequest', 'Content-Type header must be specified for a request with a body.'), undefined) };
    } else {
      try {
        const segments = path.split('/').filter((s) => s.length > 0).map(decodeURIComponent);
        res = hooks.dispatch({ method: method.toUpperCase(), segments, url: full, query: full.searchParams, headers, body: subBody });
      } catch (error) {
        if (!(error instanceof GraphFault)) throw error;
        res = { status: error.status, headers: error.headers, body: errorBody(error, undefined) };
      }
    }
    hooks.log(method.toUpperCase(), path, res.status);
    responses.push(item(id, res));
  }
  return { status: 200, body: { responses: responses.reverse() } };
}
