/**
 * The designer's only way to the server: the public HTTP API with the tab's Bearer token, or the
 * session cookie (plus its CSRF token) after an organisation sign-in. Errors keep the API's code,
 * message and field details so each screen can show them where they happen.
 *
 * Every request is typed by the route it calls, from the types generated from the server's OpenAPI
 * document (operations.ts): the path must be a route, its parameters, body and answer are the ones
 * the route declares. Answers are not parsed again here: the server's serializer checks each one
 * against the same declaration as it is sent (server/http/openapi.ts), so the declaration, not a
 * second hand-written schema, is what the designer relies on. Error bodies are still parsed: they
 * may come from something in front of the server (a proxy, a load balancer) that never saw it.
 */
import { errorBodySchema, type ProblemView } from './schemas.ts';
import type { Answer, CallOptions, Method, Operation, OptionsArg, PathOf } from './operations.ts';
import { clearSession, readCsrfToken } from './session.ts';
import { clearToken, readToken } from './token.ts';

export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ProblemView[];
  constructor(status: number, code: string, message: string, details: ProblemView[] = []) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Listener = () => void;
const signedOutListeners = new Set<Listener>();

/** Called when the server refuses the token, so the app can ask for a new one. */
export function onSignedOut(listener: Listener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export interface ApiAnswer<T> {
  body: T;
  headers: Headers;
  status: number;
}

/** Any route's options, as the implementation reads them (the typed signature has checked them). */
interface AnyOptions extends CallOptions {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
}

/** `/api/runs/{id}` with its path parameters filled in and its query appended. */
function addressOf(path: string, params: AnyOptions['params']): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.path?.[name];
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`${path} needs its ${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params?.query ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') query.append(name, String(value));
  }
  const search = query.toString();
  return search === '' ? filled : `${filled}?${search}`;
}

export function request<M extends Method, P extends PathOf<M>>(method: M, path: P, ...options: OptionsArg<Operation<M, P>>): Promise<ApiAnswer<Answer<M, P>>>;
export async function request(method: Method, path: string, options: AnyOptions = {}): Promise<ApiAnswer<unknown>> {
  const token = options.token ?? readToken();
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(options.params?.header ?? {})) if (typeof value === 'string') headers[name] = value;
  Object.assign(headers, options.headers);
  if (token !== null) headers.authorization = `Bearer ${token}`;
  // Signed in by the session cookie: unsafe requests prove they come from the designer itself.
  const csrf = token === null ? readCsrfToken() : null;
  if (csrf !== null && method !== 'get') headers['x-csrf-token'] = csrf;
  const rawText = options.contentType !== undefined && typeof options.body === 'string' ? options.body : undefined;
  if (options.body !== undefined) headers['content-type'] = rawText !== undefined && options.contentType !== undefined ? options.contentType : 'application/json';
  const address = addressOf(path, options.params);
  let response: Response;
  try {
    response = await fetch(address, {
      method: method.toUpperCase(),
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: rawText ?? JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiFailure(0, 'unreachable', 'Cannot reach the Tenure server; check that it is running and try again.');
  }
  const text = await response.text();
  let json: unknown = undefined;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new ApiFailure(response.status, 'bad_answer', `The server answered ${response.status} with something that is not JSON.`);
    }
  }
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    const failure = parsed.success
      ? new ApiFailure(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details ?? [])
      : new ApiFailure(response.status, 'http_error', `The server answered ${response.status}.`);
    if (response.status === 401 && options.token === undefined && options.unauthorizedIsAnswer !== true) {
      clearToken();
      clearSession();
      for (const l of signedOutListeners) l();
    }
    throw failure;
  }
  return { body: json, headers: response.headers, status: response.status };
}

export async function get<P extends PathOf<'get'>>(path: P, ...options: OptionsArg<Operation<'get', P>>): Promise<Answer<'get', P>> {
  return (await request('get', path, ...options)).body;
}

export async function post<P extends PathOf<'post'>>(path: P, ...options: OptionsArg<Operation<'post', P>>): Promise<Answer<'post', P>> {
  return (await request('post', path, ...options)).body;
}

/**
 * A file the server renders (an audit export), fetched with the designer's credentials and handed
 * to the browser as a download: a plain link would not carry the Bearer token.
 */
export async function download(path: PathOf<'get'>, query: Record<string, string>, fallbackName: string): Promise<void> {
  const token = readToken();
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(addressOf(path, { query }), { headers, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiFailure(0, 'unreachable', 'Cannot reach the Tenure server; check that it is running and try again.');
  }
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined));
    throw parsed.success ? new ApiFailure(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details ?? []) : new ApiFailure(response.status, 'http_error', `The server answered ${response.status}.`);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A message a person can read, from anything a request threw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
