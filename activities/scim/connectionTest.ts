/**
 * Testing a scim connection stage by stage, stopping at the first failure and saying which:
 * config → dns → tcp → tls (https only) → http (the app answers GET /ServiceProviderConfig) →
 * auth (an authenticated GET /Users?count=1 is not refused with 401) → permission (it is allowed:
 * users, and groups when the app has them). Details never contain a credential.
 */
import { lookup } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { StageLog, type TestReport, type TestStep } from '../connections.ts';
import { ScimClient } from './client.ts';
import { networkReason, scimErrorOf } from './failures.ts';
import { credentialOf, type ScimConnection } from './settings.ts';

const stageTimeoutMs = 10_000;

export async function testScimConnection(connection: ScimConnection): Promise<TestReport> {
  const steps = new StageLog();
  const report = (step: TestStep): boolean => {
    steps.push(step);
    return step.ok;
  };
  const done = (): TestReport => ({ ok: steps.every((s) => s.ok), steps });

  const credential = credentialOf(connection);
  const { baseUrl, auth } = connection.config;
  if (!report({ step: 'config', ok: credential.ok, detail: credential.ok ? `${auth.mode === 'bearer' ? 'bearer token' : `OAuth client credentials (client ${auth.clientId})`} against ${baseUrl}` : credential.problem })) {
    return done();
  }
  const url = new URL(baseUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const secure = url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));

  if (!report(await dnsStep(host))) return done();
  if (!report(await tcpStep(host, port))) return done();
  if (!report(secure ? await tlsStep(host, port) : { step: 'tls', ok: true, detail: 'plain http: traffic to the app is not encrypted; use https for a production app' })) return done();

  const client = new ScimClient(connection);
  if (!report(await httpStep(baseUrl, client))) return done();

  let users: number;
  try {
    users = (await client.send('GET', '/Users', 'listing users', [200, 401, 403], { query: { count: '1' } })).status;
  } catch (error) {
    report({ step: 'auth', ok: false, detail: failureText(error) });
    return done();
  }
  if (!report({ step: 'auth', ok: users !== 401, detail: users === 401 ? 'the app refused the credentials (401): check the token or the client id and secret' : 'the app accepted the credentials' })) return done();
  if (users === 403) {
    report({ step: 'permission', ok: false, detail: 'authenticated, but not allowed to list users (403): grant the provisioning client access to users' });
    return done();
  }
  let groups: number;
  try {
    groups = (await client.send('GET', '/Groups', 'listing groups', [200, 403, 404], { query: { count: '1' } })).status;
  } catch (error) {
    report({ step: 'permission', ok: false, detail: failureText(error) });
    return done();
  }
  const permission: Record<number, TestStep> = {
    200: { step: 'permission', ok: true, detail: 'may list users and groups' },
    403: { step: 'permission', ok: false, detail: 'may list users but not groups (403): group actions will fail; grant the provisioning client access to groups' },
    404: { step: 'permission', ok: true, detail: 'may list users; the app has no /Groups endpoint, so group actions will fail' },
  };
  report(permission[groups] ?? { step: 'permission', ok: false, detail: `listing groups answered ${groups}` });
  return done();
}

async function dnsStep(host: string): Promise<TestStep> {
  if (isIP(host) !== 0) return { step: 'dns', ok: true, detail: `${host} is an IP address: nothing to resolve` };
  try {
    const addresses = await lookup(host, { all: true });
    return { step: 'dns', ok: true, detail: `${host} resolves to ${addresses.map((a) => a.address).join(', ')}` };
  } catch (error) {
    return { step: 'dns', ok: false, detail: `${host} does not resolve (${networkReason(error)}): check the host name in baseUrl` };
  }
}

async function tcpStep(host: string, port: number): Promise<TestStep> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (step: TestStep) => {
      socket.destroy();
      resolve(step);
    };
    socket.setTimeout(stageTimeoutMs, () => finish({ step: 'tcp', ok: false, detail: `${host}:${port} did not accept a connection in ${stageTimeoutMs / 1000} s: check the port and firewalls` }));
    socket.once('error', (error) => finish({ step: 'tcp', ok: false, detail: `nothing accepts connections at ${host}:${port} (${codeOf(error)}): check the port and that the app runs` }));
    socket.connect(port, host, () => finish({ step: 'tcp', ok: true, detail: `${host}:${port} accepts connections` }));
  });
}

async function tlsStep(host: string, port: number): Promise<TestStep> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host, port, ...(isIP(host) === 0 ? { servername: host } : {}), timeout: stageTimeoutMs });
    const finish = (step: TestStep) => {
      socket.destroy();
      resolve(step);
    };
    socket.once('timeout', () => finish({ step: 'tls', ok: false, detail: `no TLS handshake with ${host}:${port} in ${stageTimeoutMs / 1000} s` }));
    socket.once('error', (error: Error) => finish({ step: 'tls', ok: false, detail: `TLS with ${host}:${port} failed (${codeOf(error)}): the certificate must be valid for ${host} and trusted` }));
    socket.once('secureConnect', () => finish({ step: 'tls', ok: true, detail: `TLS ${socket.getProtocol() ?? ''} with a certificate valid for ${host}` }));
  });
}

/**
 * The service provider configuration (RFC 7644 §5): asked without credentials, as the RFC allows;
 * an app that wants them even there is asked again with them, so a wrong path still shows as 404.
 */
async function httpStep(baseUrl: string, client: ScimClient): Promise<TestStep> {
  const url = `${client.baseUrl}/ServiceProviderConfig`;
  let answer = await get(url, undefined);
  if (answer.ok && (answer.status === 401 || answer.status === 403)) {
    let authorization: string | undefined;
    try {
      authorization = await client.authorization();
    } catch {
      // No credentials to ask with (the token endpoint refused): the auth stage reports why.
      return { step: 'http', ok: true, detail: `the app answers at ${baseUrl} (its service provider configuration needs credentials)` };
    }
    answer = await get(url, authorization);
  }
  if (!answer.ok) return { step: 'http', ok: false, detail: `GET ${url} failed (${answer.reason})` };
  const { status, body } = answer;
  if (status === 200 && isServiceProviderConfig(body)) return { step: 'http', ok: true, detail: `the app serves SCIM at ${baseUrl}` };
  if (status === 401 || status === 403) return { step: 'http', ok: true, detail: `the app answers at ${baseUrl} (its service provider configuration needs credentials)` };
  if (status === 200) return { step: 'http', ok: false, detail: `${url} answers, but not with a SCIM service provider configuration: check baseUrl (it usually ends in /scim/v2)` };
  const { detail } = scimErrorOf(body);
  return { step: 'http', ok: false, detail: `GET ${url} answered ${status}${detail ? ` (${client.redact(detail.slice(0, 200))})` : ''}: check baseUrl (it usually ends in /scim/v2)` };
}

async function get(url: string, authorization: string | undefined): Promise<{ ok: true; status: number; body: unknown } | { ok: false; reason: string }> {
  try {
    const res = await fetch(url, {
      headers: { accept: 'application/scim+json, application/json', ...(authorization !== undefined ? { authorization } : {}) },
      signal: AbortSignal.timeout(stageTimeoutMs),
    });
    const text = await res.text();
    return { ok: true, status: res.status, body: text === '' ? undefined : parseJson(text) };
  } catch (error) {
    return { ok: false, reason: networkReason(error) };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: an HTML page from a proxy or a web app; the caller reports "not SCIM".
    return undefined;
  }
}

function isServiceProviderConfig(body: unknown): boolean {
  const schemas: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'schemas') : undefined;
  return Array.isArray(schemas) && schemas.includes('urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig');
}

function codeOf(error: Error): string {
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' ? code : error.message;
}

function failureText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
