/**
 * The designer's only way to the server: the public HTTP API with the tab's Bearer token, or the
 * session cookie (plus its CSRF token) after an organisation sign-in. Answers are parsed with zod
 * (never cast), and errors keep the API's code, message and field details so each screen can show
 * them where they happen.
 */
import type { z } from 'zod';
import { errorBodySchema, type ProblemView } from './schemas.ts';
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

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Use this token instead of the stored one (the login form checks a token before keeping it). */
  token?: string;
  signal?: AbortSignal;
}

export interface ApiAnswer<T> {
  body: T;
  headers: Headers;
  status: number;
}

export async function request<S extends z.ZodType>(method: string, path: string, schema: S, options: RequestOptions = {}): Promise<ApiAnswer<z.infer<S>>> {
  const token = options.token ?? readToken();
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  // Signed in by the session cookie: unsafe requests prove they come from the designer itself.
  const csrf = token === null ? readCsrfToken() : null;
  if (csrf !== null && !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())) headers['x-csrf-token'] = csrf;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
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
    if (response.status === 401 && options.token === undefined) {
      clearToken();
      clearSession();
      for (const l of signedOutListeners) l();
    }
    throw failure;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiFailure(response.status, 'bad_answer', `The server's answer to ${method} ${path} has an unexpected shape at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unknown'}`);
  }
  return { body: parsed.data, headers: response.headers, status: response.status };
}

export async function get<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  return (await request('GET', path, schema, signal ? { signal } : {})).body;
}

export async function post<S extends z.ZodType>(path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
  return (await request('POST', path, schema, body === undefined ? {} : { body })).body;
}

/** A message a person can read, from anything a request threw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
