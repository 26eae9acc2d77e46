/**
 * Testing scim connections against the real scim2-server, stage by stage, and the OAuth client
 * credentials mode: the connector fetches a token once, reuses it, and says why a refused client
 * failed without repeating its secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typedConnection, type Connection, type TestReport } from '../../../activities/connections.ts';
import { scimConnector } from '../../../activities/scim/connector.ts';
import { startScimServer, startTokenEndpoint, type ScimServer, type TokenEndpoint } from '../../peers/scim.ts';
import { freePort } from '../../support/ports.ts';
import { createdUser, failureOf, heldUser, scimActions, scimConnection } from './fixture.ts';

let server: ScimServer;
let issuer: TokenEndpoint;
const client = { clientId: 'tenure-provisioning', clientSecret: 'client-secret-value-987', scope: 'scim.write' };
beforeAll(async () => {
  server = await startScimServer();
  issuer = await startTokenEndpoint({ ...client, accessToken: server.token });
});
afterAll(async () => {
  await issuer.stop();
  await server.stop();
});

async function test(connection: Connection): Promise<TestReport> {
  return scimConnector.test(typedConnection(scimConnector, connection));
}

const stepNames = (r: TestReport) => r.steps.map((s) => s.step);
const failed = (r: TestReport) => r.steps.find((s) => !s.ok);

function oauth(secret = client.clientSecret, tokenAuthMethod?: string): Connection {
  const auth = { mode: 'oauth-client-credentials', tokenUrl: issuer.url, clientId: client.clientId, scope: client.scope, ...(tokenAuthMethod ? { tokenAuthMethod } : {}) };
  return scimConnection(server, { auth }, { clientSecret: secret });
}

describe('scim connection test', () => {
  it('passes every stage against the running app', async () => {
    const report = await test(scimConnection(server));
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(stepNames(report)).toEqual(['config', 'dns', 'tcp', 'tls', 'http', 'auth', 'permission']);
    expect(report.steps.at(-1)?.detail).toBe('may list users and groups');
  });

  it('stops at auth when the app refuses the token, without repeating it', async () => {
    const report = await test(scimConnection(server, {}, { token: 'not-the-right-token-555' }));
    expect(report.ok).toBe(false);
    expect(failed(report)).toMatchObject({ step: 'auth', ok: false, detail: 'the app refused the credentials (401): check the token or the client id and secret' });
    expect(stepNames(report)).toEqual(['config', 'dns', 'tcp', 'tls', 'http', 'auth']);
    expect(JSON.stringify(report)).not.toContain('not-the-right-token-555');
  });

  it('stops at tcp when nothing listens on the port', async () => {
    const port = await freePort();
    const report = await test(scimConnection(server, { baseUrl: `http://127.0.0.1:${port}/v2` }));
    expect(stepNames(report)).toEqual(['config', 'dns', 'tcp']);
    expect(failed(report)?.step).toBe('tcp');
    expect(failed(report)?.detail).toContain(`nothing accepts connections at 127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it('stops at http when the base URL is not a SCIM service', async () => {
    const report = await test(scimConnection(server, { baseUrl: `http://127.0.0.1:${server.port}/not-scim` }));
    expect(failed(report)?.step).toBe('http');
    expect(failed(report)?.detail).toContain('check baseUrl');
  });

  it('stops at dns for a host that does not resolve', async () => {
    const report = await test(scimConnection(server, { baseUrl: 'https://scim.tenure-test.invalid/v2' }));
    expect(stepNames(report)).toEqual(['config', 'dns']);
    expect(failed(report)?.detail).toContain('scim.tenure-test.invalid does not resolve');
  });

  it('stops at config when the secret does not fit the auth mode', async () => {
    const report = await test(scimConnection(server, {}, { clientSecret: 'x' }));
    expect(report.steps).toMatchObject([{ step: 'config', ok: false, detail: 'the connection uses bearer auth but holds no token: set secrets.token' }]);
  });
});

describe('scim with OAuth client credentials', () => {
  it('gets a token from the token endpoint, uses it for every call, and fetches it once', async () => {
    const before = issuer.issued();
    const report = await test(oauth());
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(issuer.issued()).toBe(before + 1);

    const scim = scimActions(oauth());
    const out = createdUser.parse(await scim.run('scim.createUser', { userName: 'oauth@example.com', externalId: 'E-OAUTH' }));
    await scim.run('scim.deactivateUser', { matchValue: 'E-OAUTH' });
    expect(await heldUser(server, out.id)).toMatchObject({ userName: 'oauth@example.com', active: false });
    expect(issuer.issued()).toBe(before + 2);
  });

  it('sends the client credentials in the body when the connection says client_secret_post', async () => {
    const report = await test(oauth(client.clientSecret, 'client_secret_post'));
    expect(report.ok, JSON.stringify(report)).toBe(true);
  });

  it('fails auth when the token endpoint refuses the client, without retrying or repeating the secret', async () => {
    const report = await test(oauth('wrong-client-secret-321'));
    expect(failed(report)?.step).toBe('auth');
    expect(failed(report)?.detail).toContain('invalid_client');
    expect(JSON.stringify(report)).not.toContain('wrong-client-secret-321');

    const failure = await failureOf(scimActions(oauth('wrong-client-secret-321')).run('scim.findUser', { value: 'E-OAUTH' }));
    expect(failure).toMatchObject({ nonRetryable: true, type: 'ScimTokenRefused' });
    expect(failure.message).not.toContain('wrong-client-secret-321');
  });
});
