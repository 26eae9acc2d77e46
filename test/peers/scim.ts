/**
 * The SaaS app for scim tests: the real `scim2-server` (PyPI, in the project's .tools venv), on a
 * free loopback port, in a temporary directory, accepting one static bearer token. Its default
 * RFC 7643 schemas are served with one more user extension (`testUserExtension`), so custom
 * extension attributes are checked against a real schema too.
 *
 * `read` goes straight to the server with the token, for tests to check what it holds
 * independently of the connector under test.
 *
 * Also here: a minimal OAuth 2.0 token endpoint (RFC 6749 §4.4, client credentials) that issues the
 * server's static token, because scim2-server only accepts static tokens and no OAuth server is
 * installed; it checks the client's credentials the way the RFC says, and counts what it issued.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';
import { peerProgram } from '../support/peerProgram.ts';

export const testUserExtension = 'urn:ietf:params:scim:schemas:extension:tenure-test:2.0:User';

const serverBinary = process.env.SCIM2_SERVER ?? resolve(import.meta.dirname, '../../.tools/venv/bin/scim2-server');

export interface ScimServer {
  /** The SCIM base URL, e.g. http://127.0.0.1:PORT/v2 */
  baseUrl: string;
  port: number;
  token: string;
  /** A GET straight to the server (not through the connector), authenticated with the token. */
  read(path: string, query?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** A write straight to the server, for a test to set up state the connector must cope with. */
  write(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

export async function startScimServer(token = `scim-test-token-${process.pid}-${Date.now()}`): Promise<ScimServer> {
  const program = await peerProgram({ peer: 'scim2-server (the scim connector, HR and end-to-end tests)', program: serverBinary, from: 'the PyPI package scim2-server, in .tools/venv' });
  const dir = await mkdtemp(join(tmpdir(), 'tenure-test-scim-'));
  const schemaFile = join(dir, 'schemas.json');
  const resourceTypeFile = join(dir, 'resource-types.json');
  await writeSchemas(schemaFile, resourceTypeFile);
  const port = await freePort();
  const child = spawn(
    program,
    ['--hostname', '127.0.0.1', '--port', String(port), '--bearer-token', token, '--schema', schemaFile, '--resource-type', resourceTypeFile],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const exited = once(child, 'exit');

  const baseUrl = `http://127.0.0.1:${port}/v2`;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`scim2-server exited with ${child.exitCode}: ${output}`);
        const res = await fetch(`${baseUrl}/ServiceProviderConfig`);
        return res.status === 200 ? true : undefined;
      },
      'scim2-server to answer',
      20_000,
      100,
    );
  } catch (error) {
    await stopChild(child, exited);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    baseUrl,
    port,
    token,
    async read(path, query = {}) {
      const url = new URL(`${baseUrl}${path}`);
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      return answerOf(await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json' } }));
    },
    async write(method, path, body) {
      const headers = { authorization: `Bearer ${token}`, accept: 'application/scim+json', 'content-type': 'application/scim+json' };
      return answerOf(await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
    },
    async stop() {
      await stopChild(child, exited);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function answerOf(res: Response): Promise<{ status: number; body: unknown }> {
  const text = await res.text();
  const body: unknown = text === '' ? undefined : JSON.parse(text);
  return { status: res.status, body };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** The server's default schemas and resource types, plus the test extension on User. */
async function writeSchemas(schemaFile: string, resourceTypeFile: string): Promise<void> {
  const python = join(dirname(serverBinary), 'python');
  const { stdout } = await promisify(execFile)(python, ['-c', 'import os, scim2_server; print(os.path.join(os.path.dirname(scim2_server.__file__), "resources"))']);
  const resources = stdout.trim();
  const schemas: unknown = JSON.parse(await readFile(join(resources, 'default-schemas.json'), 'utf8'));
  const resourceTypes: unknown = JSON.parse(await readFile(join(resources, 'default-resource-types.json'), 'utf8'));
  if (!Array.isArray(schemas) || !Array.isArray(resourceTypes)) throw new Error('scim2-server’s default schemas are not lists');
  const attribute = (name: string) => ({ name, type: 'string', multiValued: false, description: name, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' });
  schemas.push({ id: testUserExtension, name: 'TenureTestUser', description: 'Attributes a test app adds to its users', attributes: [attribute('badgeNumber'), attribute('site')] });
  const withExtension = resourceTypes.map((rt: unknown) => {
    if (typeof rt !== 'object' || rt === null || Reflect.get(rt, 'id') !== 'User') return rt;
    const extensions: unknown = Reflect.get(rt, 'schemaExtensions');
    const before: unknown[] = Array.isArray(extensions) ? extensions : [];
    return { ...rt, schemaExtensions: [...before, { schema: testUserExtension, required: false }] };
  });
  await writeFile(schemaFile, JSON.stringify(schemas));
  await writeFile(resourceTypeFile, JSON.stringify(withExtension));
}

export interface TokenEndpoint {
  url: string;
  /** Access tokens issued so far. */
  issued(): number;
  stop(): Promise<void>;
}

/**
 * An OAuth 2.0 token endpoint for the client credentials grant: `client_secret_basic` or
 * `client_secret_post` (RFC 6749 §2.3.1), `grant_type=client_credentials`; errors as §5.2.
 */
export async function startTokenEndpoint(client: { clientId: string; clientSecret: string; accessToken: string; scope?: string }): Promise<TokenEndpoint> {
  let issued = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const answer = (status: number, json: Record<string, unknown>) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(json));
      };
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      let id = form.get('client_id');
      let secret = form.get('client_secret');
      if (basic !== undefined) {
        const [user = '', pass = ''] = Buffer.from(basic, 'base64').toString().split(':');
        id = decodeURIComponent(user.replace(/\+/g, ' '));
        secret = decodeURIComponent(pass.replace(/\+/g, ' '));
      }
      if (req.method !== 'POST' || form.get('grant_type') !== 'client_credentials') return answer(400, { error: 'unsupported_grant_type' });
      if (id !== client.clientId || secret !== client.clientSecret) return answer(401, { error: 'invalid_client', error_description: 'client authentication failed' });
      if (client.scope !== undefined && form.get('scope') !== client.scope) return answer(400, { error: 'invalid_scope' });
      issued++;
      answer(200, { access_token: client.accessToken, token_type: 'Bearer', expires_in: 3600 });
    });
  });
  const port = await freePort();
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${port}/oauth2/token`,
    issued: () => issued,
    async stop() {
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
