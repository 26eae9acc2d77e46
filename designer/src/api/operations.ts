/**
 * What each API route takes and answers, read from the types generated from the server's OpenAPI
 * document (openapi.ts, `node scripts/openapi-types.ts`). client.ts types every request with
 * these, and the pages name the data they show with them (`Answer<'get', '/api/runs/{id}'>`), so a
 * route that changes its path, parameters, body or answer breaks the designer's build.
 */
import type { paths } from './openapi.ts';

export type Method = 'get' | 'put' | 'post' | 'delete';

/** The routes that answer `M`. */
export type PathOf<M extends Method> = { [P in keyof paths]: paths[P] extends Record<M, unknown> ? P : never }[keyof paths];

export type Operation<M extends Method, P extends PathOf<M>> = paths[P] extends Record<M, infer Op> ? Op : never;

/** The keys a caller must give (optional properties accept undefined). */
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

/** `params` (path, query, header), required when the route has a parameter the caller must give. */
type ParamsOption<Op> = Op extends { parameters: infer Pa } ? (RequiredKeys<Pa> extends never ? { params?: Pa } : { params: Pa }) : { params?: never };

/** `body`: required, optional or absent, as the route declares its JSON body. */
type BodyOption<Op> = Op extends { requestBody?: never }
  ? { body?: never }
  : Op extends { requestBody: { content: { 'application/json': infer B } } }
    ? { body: B }
    : Op extends { requestBody?: { content: { 'application/json': infer B } } }
      ? { body?: B }
      : { body?: never };

export interface CallOptions {
  /** Use this token instead of the stored one (the login form checks a token before keeping it). */
  token?: string;
  signal?: AbortSignal;
  /**
   * A 401 is an answer here (no session yet, or one that already ended), not the server refusing
   * the credentials the designer holds: it does not sign the designer out.
   */
  unauthorizedIsAnswer?: boolean;
  /** Headers beyond those the route declares (the CSRF token of a session being ended). */
  headers?: Record<string, string>;
  /** Send a text body as this media type, as it is (an HR import's CSV), instead of as JSON. */
  contentType?: string;
}

export type RequestOptions<Op> = ParamsOption<Op> & BodyOption<Op> & CallOptions;

/** The options argument: required when the route needs parameters or a body, optional otherwise. */
export type OptionsArg<Op> = RequiredKeys<RequestOptions<Op>> extends never ? [options?: RequestOptions<Op>] : [options: RequestOptions<Op>];

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206 | '2XX';
type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;

/** The JSON of the operation's successful answers (any of them, when it declares several). */
export type AnswerOf<Op> = Op extends { responses: infer R } ? { [S in keyof R]: S extends SuccessStatus ? JsonContent<R[S]> : never }[keyof R] : never;

/** What `M P` answers when it succeeds. */
export type Answer<M extends Method, P extends PathOf<M>> = AnswerOf<Operation<M, P>>;

/** The JSON body `M P` takes. */
export type Body<M extends Method, P extends PathOf<M>> = Operation<M, P> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters `M P` takes. */
export type Query<M extends Method, P extends PathOf<M>> = NonNullable<Operation<M, P> extends { parameters: { query?: infer Q } } ? Q : never>;
