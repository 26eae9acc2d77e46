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
  it('passes a reachable webhook stage by stage without writing anything back', async () => {
    const before = hr.requests.length;
    const report = await test(hrWebhookConnection(hr.url, {}, { signingSecret, bearerToken }));
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(stepsOf(report)).toEqual(['config:ok', 'dns:ok', 'tcp:ok', 'http:ok']);
    expect(hr.requests.slice(before).map((r) => r.method)).toEqual(['OPTIONS']);
    expect(JSON.stringify(report)).not.toContain(bearerToken);
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
