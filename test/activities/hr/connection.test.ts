/**
 * The hr connection test against real endpoints: every stage it passes is reported, and the first
 * one that fails is named (config, tcp, auth, permission) with a detail that holds no secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typedConnection, type Connection, type TestReport } from '../../../activities/connections.ts';
import { hrConnector } from '../../../activities/hr/connector.ts';
import { startHrWebhook, type HrWebhook } from '../../peers/hrWebhook.ts';
import { startScimServer, type ScimServer } from '../../peers/scim.ts';
import { freePort } from '../../support/ports.ts';
import { bearerToken, hrScimConnection, hrWebhookConnection, signingSecret } from './fixture.ts';

let hr: HrWebhook;
let server: ScimServer;
beforeAll(async () => {
  [hr, server] = await Promise.all([startHrWebhook(signingSecret), startScimServer()]);
});
afterAll(async () => {
  await Promise.all([hr.stop(), server.stop()]);
});

const test = async (connection: Connection): Promise<TestReport> => hrConnector.test(typedConnection(hrConnector, connection));
const stepsOf = (report: TestReport) => report.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`);

describe('hr connection test', () => {
  it('passes a reachable webhook stage by stage with one signed test POST that names no employee', async () => {
    const before = hr.requests.length;
    const report = await test(hrWebhookConnection(hr.url, {}, { signingSecret, bearerToken }));
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(stepsOf(report)).toEqual(['config:ok', 'dns:ok', 'tcp:ok', 'http:ok']);
    const sent = hr.requests.slice(before);
    expect(sent.map((r) => [r.method, r.signatureValid, r.tokenValid, r.headers['x-tenure-test']])).toEqual([['POST', true, true, '1']]);
    expect(sent[0]?.json).toEqual({ test: true, purpose: 'Tenure connection test: record nothing', employeeId: null, attributes: {} });
    expect(report.steps.at(-1)?.detail).toBe('the receiver accepts signed POSTs (HTTP 200 to a signed test POST)');
    expect(JSON.stringify(report)).not.toContain(bearerToken);
  });

  it('reports a POST-only receiver that answers 501 to OPTIONS as healthy, since POST works', async () => {
    const postOnly = await startHrWebhook(signingSecret, bearerToken, { postOnly: true });
    try {
      const options = await fetch(postOnly.url, { method: 'OPTIONS' });
      await options.body?.cancel();
      expect(options.status).toBe(501);
      const report = await test(hrWebhookConnection(postOnly.url, {}, { signingSecret, bearerToken }));
      expect(report.ok, JSON.stringify(report)).toBe(true);
      expect(postOnly.requests.slice(1).map((r) => [r.method, r.signatureValid])).toEqual([['POST', true]]);
    } finally {
      await postOnly.stop();
    }
  });

  it('names the http step when the receiver refuses the signature, or takes no POSTs at that URL', async () => {
    const wrongSecret = await test(hrWebhookConnection(hr.url, {}, { signingSecret: 'not-the-shared-secret', bearerToken }));
    expect(wrongSecret.ok).toBe(false);
    expect(stepsOf(wrongSecret).at(-1)).toBe('http:failed');
    expect(wrongSecret.steps.at(-1)?.detail).toMatch(/^the receiver refused the signature or the token \(HTTP 401 to a signed test POST\): check the connection's signing secret/);
    expect(JSON.stringify(wrongSecret)).not.toContain('not-the-shared-secret');

    hr.answer({ status: 405, body: { message: 'method not allowed' } });
    const noPost = await test(hrWebhookConnection(hr.url, {}, { signingSecret, bearerToken }));
    expect(noPost.ok).toBe(false);
    expect(noPost.steps.at(-1)?.detail).toMatch(/^nothing takes POSTs at this URL \(HTTP 405 to a signed test POST\)/);
  });

  it('counts a receiver that refuses the test document with 400 as healthy: it took the signed POST', async () => {
    hr.answer({ status: 400, body: { message: 'employeeId is required' } });
    const report = await test(hrWebhookConnection(hr.url, {}, { signingSecret, bearerToken }));
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(report.steps.at(-1)?.detail).toBe('the receiver takes signed POSTs and refused the test document, which holds no employee (HTTP 400 to a signed test POST)');
  });

  it('names the config step when a webhook has no signing secret', async () => {
    const report = await test(hrWebhookConnection(hr.url, {}, { bearerToken }));
    expect(report.ok).toBe(false);
    expect(stepsOf(report)).toEqual(['config:failed']);
    expect(report.steps[0]?.detail).toContain('signingSecret');
    expect(JSON.stringify(report)).not.toContain(bearerToken);
  });

  it('names the tcp step when nothing listens at the webhook', async () => {
    const closed = await freePort();
    const report = await test(hrWebhookConnection(`http://127.0.0.1:${closed}/hook`));
    expect(report.ok).toBe(false);
    expect(stepsOf(report).at(-1)).toBe('tcp:failed');
  });

  it('passes a SCIM HR service stage by stage, ending with the right to search workers', async () => {
    const report = await test(hrScimConnection(server));
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(stepsOf(report)).toEqual(['config:ok', 'dns:ok', 'tcp:ok', 'tls:ok', 'http:ok', 'auth:ok', 'permission:ok']);
    expect(report.steps.at(-1)?.detail).toContain('externalId');
    expect(JSON.stringify(report)).not.toContain(server.token);
  });

  it('names the auth step when the SCIM service refuses the token, and never repeats it', async () => {
    const wrong = 'hr-test-wrong-token-42';
    const report = await test(hrScimConnection(server, {}, { token: wrong }));
    expect(report.ok).toBe(false);
    expect(stepsOf(report).at(-1)).toBe('auth:failed');
    expect(JSON.stringify(report)).not.toContain(wrong);
  });

  it('names the config step when a SCIM connection holds no token', async () => {
    const report = await test(hrScimConnection(server, {}, { signingSecret }));
    expect(stepsOf(report)).toEqual(['config:failed']);
    expect(report.steps[0]?.detail).toContain('secrets.token');
  });

  it('refuses settings that cannot work before anything is stored', () => {
    expect(hrConnector.config.safeParse({ mode: 'webhook', url: 'ftp://hr.example.com/' }).success).toBe(false);
    expect(hrConnector.config.safeParse({ mode: 'webhook', url: 'https://hr.example.com/', headers: { 'X-Tenure-Signature': 'x' } }).success).toBe(false);
    expect(hrConnector.config.safeParse({ mode: 'webhook', url: 'https://hr.example.com/', headers: { Authorization: 'Bearer x' } }).success).toBe(false);
    expect(hrConnector.config.safeParse({ mode: 'scim', baseUrl: 'https://hr.example.com/scim/v2', auth: { mode: 'bearer' }, lookupAttribute: 'externalId eq "x"' }).success).toBe(false);
    expect(hrConnector.config.safeParse({ mode: 'scim', baseUrl: 'https://hr.example.com/scim/v2', auth: { mode: 'bearer' }, userPrincipalNameAttribute: 'mail' }).success).toBe(false);
    expect(hrConnector.config.safeParse({ mode: 'ftp', url: 'https://hr.example.com/' }).success).toBe(false);
    expect(hrConnector.secrets.safeParse({ signingSecret: 'short' }).success).toBe(false);
    expect(hrConnector.config.safeParse({ mode: 'scim', baseUrl: 'https://hr.example.com/scim/v2', auth: { mode: 'bearer' } }).success).toBe(true);
  });
});
