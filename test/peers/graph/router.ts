/**
 * Dispatch of Graph v1.0 requests to their handlers, shared by top-level requests and the
 * sub-requests of a `$batch`. Each route names the application permissions that allow it, as the
 * Graph reference's permission tables do; a token without any of them gets 403.
 */
import { GraphFault } from './errors.ts';
import type { Tenant } from './state.ts';

export interface GraphRequest {
  method: string;
  /** Path segments after the version, decoded: `['users', '{id}', 'manager', '$ref']`. */
  segments: string[];
  /** The request's full public URL (for nextLink). */
  url: URL;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RouteContext {
  tenant: Tenant;
  /** e.g. `https://127.0.0.1:4567/v1.0` */
  baseUrl: string;
  pageSize: number;
  maxPageSize: number;
}

export interface Route {
  method: string;
  /** Segments to match; `:name` captures one segment. */
  path: string;
  permissions: readonly string[];
  handle(req: GraphRequest, params: Record<string, string>, ctx: RouteContext): GraphResponse;
}

function match(route: Route, req: GraphRequest): Record<string, string> | undefined {
  const parts = route.path.split('/');
  if (parts.length !== req.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const seg = req.segments[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = seg;
    else if (part.toLowerCase() !== seg.toLowerCase()) return undefined;
  }
  return params;
}

export function dispatch(routes: readonly Route[], req: GraphRequest, roles: ReadonlySet<string>, ctx: RouteContext): GraphResponse {
  let pathKnown = false;
  for (const route of routes) {
    const params = match(route, req);
    if (!params) continue;
    pathKnown = true;
    if (route.method !== req.method) continue;
    if (!route.permissions.some((p) => roles.has(p))) throw new GraphFault(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    return route.handle(req, params, ctx);
  }
  if (pathKnown) throw new GraphFault(405, 'Request_BadRequest', `The request method '${req.method}' is not supported for this resource.`);
  throw new GraphFault(400, 'BadRequest', `Resource not found for the segment '${req.segments[0] ?? ''}'.`);
}

/** The id at the end of an `@odata.id` reference such as `https://graph.microsoft.com/v1.0/directoryObjects/{id}`. */
export function referencedId(body: unknown): string {
  const ref: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, '@odata.id') : undefined;
  if (typeof ref !== 'string' || ref.length === 0) throw new GraphFault(400, 'Request_BadRequest', "Invalid reference: the '@odata.id' property is missing from the request body.");
  if (!URL.canParse(ref)) throw new GraphFault(400, 'Request_BadRequest', `Invalid reference '${ref}': use the URL of the object, e.g. https://graph.microsoft.com/v1.0/directoryObjects/{id}.`);
  return decodeURIComponent(new URL(ref).pathname.split('/').pop() ?? '');
}

export const userRead = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
export const userWrite = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
export const memberWrite = ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];
export const memberRead = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', ...memberWrite];
export const licenseWrite = ['LicenseAssignment.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'];
export const authMethodWrite = ['UserAuthenticationMethod.ReadWrite.All'];
export const mailSend = ['Mail.Send'];
export const revokeSessions = ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'];
export const allPermissions = [...new Set([...userRead, ...memberRead, ...licenseWrite, ...authMethodWrite, ...mailSend, ...revokeSessions, 'Organization.Read.All'])];
