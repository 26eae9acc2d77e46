/** The ldap connection test against a real OpenLDAP: each stage checked in order, the first failure named with what to do. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapConnector } from '../../../activities/ldap/connector.ts';
import { typedConnection } from '../../../activities/connections.ts';
import { startSlapd, type Slapd } from '../../peers/slapd.ts';
import { directoryConnection } from '../../support/directory.ts';
import { freePort } from '../../support/ports.ts';

let slapd: Slapd;
beforeAll(async () => {
  slapd = await startSlapd();
});
afterAll(async () => {
  await slapd.stop();
});

async function test(config: Record<string, unknown>, password = slapd.servicePassword) {
  const connection = directoryConnection('ldap', { baseDn: slapd.baseDn, ...config }, { bindDn: slapd.serviceDn, password });
  return ldapConnector.test(typedConnection(ldapConnector, connection));
}

describe('ldap connection test', () => {
  it('passes every stage on a working connection', async () => {
    const report = await test({ url: slapd.url });
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => [s.step, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', true],
      ['bind', true],
      ['permission', true],
    ]);
  });

  it('stops at bind for a wrong password, naming the bind DN', async () => {
    const report = await test({ url: slapd.url }, 'wrong-password');
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => s.step)).toEqual(['dns', 'tcp', 'tls', 'bind']);
    const bind = report.steps.at(-1);
    expect(bind).toMatchObject({ step: 'bind', ok: false });
    expect(bind?.detail).toContain(`invalid credentials for ${slapd.serviceDn}`);
    expect(JSON.stringify(report)).not.toContain('wrong-password');
  });

  it('stops at tcp when nothing listens on the port', async () => {
    const report = await test({ url: `ldap://127.0.0.1:${await freePort()}` });
    expect(report.steps.at(-1)).toMatchObject({ step: 'tcp', ok: false });
    expect(report.steps.at(-1)?.detail).toMatch(/nothing answers on 127\.0\.0\.1:\d+ \(.*ECONNREFUSED/);
  });

  it('stops at permission when the users container does not exist', async () => {
    const report = await test({ url: slapd.url, usersOu: `ou=Nobody,${slapd.baseDn}` });
    expect(report.steps.at(-1)).toMatchObject({ step: 'permission', ok: false });
    expect(report.steps.at(-1)?.detail).toContain(`ou=Nobody,${slapd.baseDn} does not exist`);
  });

  it('stops at tls when StartTLS is asked of a server without a certificate', async () => {
    const report = await test({ url: slapd.url, startTls: true });
    expect(report.steps.at(-1)).toMatchObject({ step: 'tls', ok: false });
  });
});
