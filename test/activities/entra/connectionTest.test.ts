/**
 * Testing an Entra connection stage by stage against the Graph peer (test/peers/graph), which
 * follows the documented contracts of Microsoft Graph v1.0 and the identity platform's
 * client-credentials token endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraConnector } from '../../../activities/entra/connector.ts';
import { typedConnection } from '../../../activities/connections.ts';
import { allPermissions } from '../../peers/graph/router.ts';
import { startGraphPeer, type GraphPeer } from '../../peers/graph/server.ts';
import { freePort } from '../../support/ports.ts';
import { entraConnection } from './fixture.ts';

let peer: GraphPeer;
beforeAll(async () => {
  peer = await startGraphPeer();
});
afterAll(async () => {
  await peer.stop();
});

async function test(config: Record<string, unknown> = {}, secrets?: Record<string, unknown>) {
  const report = await entraConnector.test(typedConnection(entraConnector, entraConnection(peer, config, secrets)));
  return { ...report, passed: report.steps.filter((s) => s.ok).map((s) => s.step), failed: report.steps.find((s) => !s.ok) };
}

describe('entra connection test', () => {
  it('passes every stage for a correct connection', async () => {
    const report = await test();
    expect(report.ok).toBe(true);
    expect(report.passed).toEqual(['dns', 'tcp', 'tls', 'http', 'auth', 'permission']);
    expect(report.steps.find((s) => s.step === 'permission')?.detail).toBe(`app ${peer.clientId} can read users`);
  });

  it('fails at auth for a wrong secret, naming the app and not the secret', async () => {
    const report = await test({}, { clientSecret: 'wrong-secret-value' });
    expect(report.ok).toBe(false);
    expect(report.passed).toEqual(['dns', 'tcp', 'tls', 'http']);
    expect(report.failed?.step).toBe('auth');
    expect(report.failed?.detail).toContain(`invalid client secret for app ${peer.clientId}`);
    expect(JSON.stringify(report)).not.toContain('wrong-secret-value');
  });

  it('fails at auth for an app the tenant does not know', async () => {
    const report = await test({ clientId: '11111111-2222-4333-8444-555555555555' });
    expect(report.failed).toMatchObject({ step: 'auth' });
    expect(report.failed?.detail).toContain('no app 11111111-2222-4333-8444-555555555555 in tenant');
  });

  it('fails at http for a tenant the authority does not know', async () => {
    const report = await test({ tenantId: 'fabrikam.onmicrosoft.com' });
    expect(report.passed).toEqual(['dns', 'tcp', 'tls']);
    expect(report.failed?.step).toBe('http');
    expect(report.failed?.detail).toContain('does not know tenant fabrikam.onmicrosoft.com (HTTP 400)');
  });

  it('fails at permission when the app may not read users, with Graph’s error code', async () => {
    peer.setPermissions(['Mail.Send']);
    try {
      const report = await test();
      expect(report.passed).toEqual(['dns', 'tcp', 'tls', 'http', 'auth']);
      expect(report.failed?.step).toBe('permission');
      expect(report.failed?.detail).toContain('Authorization_RequestDenied');
      expect(report.failed?.detail).toContain('User.ReadWrite.All');
    } finally {
      peer.setPermissions(allPermissions);
    }
  });

  it('fails at tls when the certificate is not trusted, pointing at tlsCaCert', async () => {
    const report = await test({ tlsCaCert: undefined });
    expect(report.passed).toEqual(['dns', 'tcp']);
    expect(report.failed?.step).toBe('tls');
    expect(report.failed?.detail).toContain('tlsCaCert');
  });

  it('fails at tcp when nothing listens', async () => {
    const port = await freePort();
    const report = await test({ authorityHost: `https://127.0.0.1:${port}`, graphBaseUrl: `https://127.0.0.1:${port}/v1.0` });
    expect(report.passed).toEqual(['dns']);
    expect(report.failed?.step).toBe('tcp');
    expect(report.failed?.detail).toContain(`cannot connect to 127.0.0.1:${port}`);
    expect(report.failed?.detail).toContain('ECONNREFUSED');
  });

  it('fails at dns for a host that does not resolve', async () => {
    const report = await test({ authorityHost: 'https://login.tenure-test.invalid' });
    expect(report.passed).toEqual([]);
    expect(report.failed?.step).toBe('dns');
    expect(report.failed?.detail).toContain('cannot resolve login.tenure-test.invalid');
  });
});
