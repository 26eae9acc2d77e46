/**
 * A Microsoft Graph v1.0 + Microsoft identity platform test peer. There is no self-hostable
 * Entra ID, so this in-process HTTPS server follows Graph's documented contract as faithfully as a
 * test needs: the resource shapes, OData query options and errors, `$batch`, `@odata.nextLink`
 * paging, bearer tokens from a client-credentials token endpoint, application permissions, and
 * throttling (429/503 with Retry-After) on demand. Everything is in memory; tests arrange state and
 * read it back through the helpers on the returned object.
 *
 * It is a test double for a service that cannot run locally, not a mock of our code: the Entra
 * connector talks to it through the real Microsoft Graph client and @azure/identity over HTTPS.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticationRoutes } from './authentication.ts';
import { runBatch } from './batch.ts';
import { deletedItemRoutes } from './deletedItems.ts';
import { errorBody, GraphFault } from './errors.ts';
import { groupRoutes } from './groups.ts';
import { issueToken, openIdConfiguration, type IdentityConfig, type IssuedToken } from './identity.ts';
import { licenseRoutes } from './licenses.ts';
import { allPermissions, dispatch, type GraphRequest, type GraphResponse, type RouteContext } from './router.ts';
import { Tenant, type SentMail, type TemporaryAccessPass, type UserRecord } from './state.ts';
import { selfSignedCertificate } from './tls.ts';
import { userRoutes } from './users.ts';

const routes = [...userRoutes, ...deletedItemRoutes, ...groupRoutes, ...licenseRoutes, ...authenticationRoutes];

export interface GraphPeerOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  verifiedDomains?: string[];
  /** Page size when a request gives no `$top` (Graph's default for users is 100). */
  pageSize?: number;
  /** The most items one page holds whatever `$top` asks (at most 999, Graph's limit for users). */
  maxPageSize?: number;
  tokenLifetimeSeconds?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  /** A sub-request of a `$batch`. */
  inBatch: boolean;
  /** When it arrived (ms since the epoch). */
  at: number;
  /** The same for a request sent again, different otherwise: method, path with query, and a digest of the body. */
  key: string;
  /** The Retry-After it was answered with, in seconds. */
  retryAfterSeconds?: number;
}

export interface GraphPeer {
  /** `https://127.0.0.1:PORT`: both the authority host and the Graph host. */
  origin: string;
  graphBaseUrl: string;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The PEM certificate the peer serves; trust it as the connection's CA. */
  caCert: string;
  tenant: Tenant;
  requests: LoggedRequest[];
  /** Token requests answered with a token. */
  tokensIssued(): number;
  activeUsers(): UserRecord[];
  deletedUsers(): UserRecord[];
  /** An active user by id or userPrincipalName. */
  user(key: string): UserRecord | undefined;
  /** Arranges an existing user (validation skipped, as for data that predates the test); returns its id. */
  addUser(props: Record<string, unknown>): string;
  addGroup(displayName: string): string;
  groupMembers(groupId: string): string[];
  addSku(skuPartNumber: string, enabled?: number): string;
  temporaryAccessPass(userId: string): TemporaryAccessPass | undefined;
  sentMail(): SentMail[];
  /** Writes stay invisible to `$filter` queries for this long, as Graph's eventually consistent indexes do. */
  setIndexLag(ms: number): void;
  /** The application permissions tokens issued from now on carry. */
  setPermissions(permissions: readonly string[]): void;
  /** The next `count` Graph requests answer `status` with `Retry-After: retryAfterSeconds`. */
  throttleNext(count: number, retryAfterSeconds: number, status?: 429 | 503): void;
  /** The next `count` sub-requests inside batches answer 429 with `Retry-After`. */
  throttleBatchItems(count: number, retryAfterSeconds: number): void;
  /** A throttling storm: for the next `ms`, every Graph request answers 429 with `Retry-After: retryAfterSeconds`. */
  storm(ms: number, retryAfterSeconds: number): void;
  stop(): Promise<void>;
}

const jsonType = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': jsonType }), 'request-id': randomUUID(), ...headers });
  res.end(text);
}

export async function startGraphPeer(options: GraphPeerOptions = {}): Promise<GraphPeer> {
  const { cert, key } = await selfSignedCertificate();
  const tenant = new Tenant(options.verifiedDomains ?? ['contoso.com', 'contoso.onmicrosoft.com']);
  const tokens = new Map<string, IssuedToken>();
  const requests: LoggedRequest[] = [];
  let permissions = new Set<string>(allPermissions);
  let issued = 0;
  const throttles: { status: number; seconds: number }[] = [];
  const itemThrottles: number[] = [];
  let storm = { until: 0, seconds: 0 };
  const identity: IdentityConfig = {
    tenantId: options.tenantId ?? randomUUID(),
    clientId: options.clientId ?? randomUUID(),
    clientSecret: options.clientSecret ?? `peer~${randomUUID()}`,
    origin: '',
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    roles: () => permissions,
  };

  function bearer(req: IncomingMessage): IssuedToken {
    const header = req.headers.authorization ?? '';
    const challenge = { 'WWW-Authenticate': `Bearer realm="", authorization_uri="${identity.origin}/${identity.tenantId}/oauth2/v2.0/authorize", client_id="00000003-0000-0000-c000-000000000000"` };
    if (!header.startsWith('Bearer ') || header.length <= 7) throw new GraphFault(401, 'InvalidAuthenticationToken', 'Access token is empty.', { headers: challenge });
    const token = tokens.get(header.slice(7));
    if (!token) throw new GraphFault(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', { headers: challenge });
    if (token.expiresAt <= Date.now()) throw new GraphFault(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.', { headers: challenge });
    return token;
  }

  function graph(req: IncomingMessage, url: URL, segments: string[], text: string): GraphResponse {
    const token = bearer(req);
    const throttle = throttles.shift() ?? (Date.now() < storm.until ? { status: 429, seconds: storm.seconds } : undefined);
    if (throttle) {
      const code = throttle.status === 429 ? 'TooManyRequests' : 'ServiceNotAvailable';
      throw new GraphFault(throttle.status, code, throttle.status === 429 ? 'Too many requests. Retry after the time given in the Retry-After header.' : 'The service is temporarily unavailable.', {
        headers: { 'Retry-After': String(throttle.seconds) },
      });
    }
    let body: unknown;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new GraphFault(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
      }
    }
    const ctx: RouteContext = { tenant, baseUrl: `${identity.origin}/v1.0`, pageSize: options.pageSize ?? 100, maxPageSize: options.maxPageSize ?? 999 };
    const method = req.method ?? 'GET';
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    if (method === 'POST' && segments.length === 1 && segments[0] === '$batch') {
      return runBatch(body, ctx.baseUrl, {
        throttle: () => itemThrottles.shift(),
        dispatch: (sub) => dispatch(routes, sub, token.roles, ctx),
        log: (m, path, status) => requests.push({ method: m, path, status, inBatch: true, at: Date.now(), key: `${m} ${path}` }),
      });
    }
    const graphRequest: GraphRequest = { method, segments, url, query: url.searchParams, headers, body };
    return dispatch(routes, graphRequest, token.roles, ctx);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', identity.origin);
    let segments: string[];
    try {
      segments = url.pathname.split('/').filter((s) => s.length > 0).map(decodeURIComponent);
    } catch {
      send(res, 400, errorBody(new GraphFault(400, 'BadRequest', 'The request URL is not valid.'), undefined));
      return;
    }
    const [first, ...rest] = segments;
    if (first === 'v1.0') {
      const path = `/${rest.join('/')}`;
      const method = req.method ?? 'GET';
      const logged = { method, path, inBatch: false, at: Date.now(), key: `${method} ${url.pathname}${url.search} ${createHash('sha256').update(text).digest('hex').slice(0, 16)}` };
      try {
        const answer = graph(req, url, rest, text);
        requests.push({ ...logged, status: answer.status });
        send(res, answer.status, answer.body, answer.headers);
      } catch (error) {
        if (!(error instanceof GraphFault)) throw error;
        const retryAfter = Number(error.headers['Retry-After']);
        requests.push({ ...logged, status: error.status, ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}) });
        const clientRequestId = req.headers['client-request-id'];
        send(res, error.status, errorBody(error, typeof clientRequestId === 'string' ? clientRequestId : undefined), error.headers);
      }
      return;
    }
    if (req.method === 'GET' && rest.join('/') === 'v2.0/.well-known/openid-configuration') {
      const answer = openIdConfiguration(identity, first ?? '');
      send(res, answer.status, answer.body);
      return;
    }
    if (req.method === 'POST' && rest.join('/') === 'oauth2/v2.0/token') {
      const answer = issueToken(identity, first ?? '', new URLSearchParams(text), tokens);
      if (answer.status === 200) issued++;
      send(res, answer.status, answer.body, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' });
      return;
    }
    send(res, 404, { error: 'not_found', error_description: `nothing at ${url.pathname}` });
  }

  const server: Server = createServer({ cert, key }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the peer, not a Graph answer: say so loudly in the response.
      send(res, 500, { error: { code: 'PeerBug', message: error instanceof Error ? error.stack ?? error.message : String(error) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  identity.origin = `https://127.0.0.1:${port}`;

  return {
    origin: identity.origin,
    graphBaseUrl: `${identity.origin}/v1.0`,
    authorityHost: identity.origin,
    tenantId: identity.tenantId,
    clientId: identity.clientId,
    clientSecret: identity.clientSecret,
    caCert: cert,
    tenant,
    requests,
    tokensIssued: () => issued,
    activeUsers: () => tenant.activeUsers(),
    deletedUsers: () => tenant.deletedUsers(),
    user: (k) => tenant.activeUser(k),
    addUser: (props) => tenant.addUser(props).id,
    addGroup: (name) => tenant.addGroup(name).id,
    groupMembers: (id) => [...(tenant.groups.get(id)?.members ?? [])],
    addSku: (part, enabled = 25) => tenant.addSku(part, enabled).skuId,
    temporaryAccessPass: (userId) => tenant.passes.get(userId),
    sentMail: () => [...tenant.mail],
    setIndexLag: (ms) => {
      tenant.indexLagMs = ms;
    },
    setPermissions: (p) => {
      permissions = new Set(p);
    },
    throttleNext: (count, seconds, status = 429) => {
      for (let i = 0; i < count; i++) throttles.push({ status, seconds });
    },
    throttleBatchItems: (count, seconds) => {
      for (let i = 0; i < count; i++) itemThrottles.push(seconds);
    },
    storm: (ms, seconds) => {
      storm = { until: Date.now() + ms, seconds };
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
