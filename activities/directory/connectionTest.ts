/**
 * The connection test for LDAP directories: dns → tcp → tls → bind → permission, stopping at the
 * first failure with what to do about it. Each stage runs on its own so the report names the
 * stage that failed: a wrong password is a bind failure, a closed port a tcp failure, an untrusted
 * certificate a tls failure. Details name the bind DN, never the password.
 */
import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { Client, InvalidCredentialsError, ResultCodeError } from 'ldapts';
import { StageLog, type TestReport } from '../connections.ts';
import { resultCodes } from './errors.ts';
import { endpointHost, tlsOptions, type BindSecrets, type Endpoint } from './settings.ts';

export interface PermissionCheck {
  /** What must be readable, e.g. the base DN and the users OU. */
  dns: readonly string[];
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}

async function tcpProbe(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs / 1000} s`));
    });
    socket.once('error', reject);
  });
}

async function tlsProbe(endpoint: Endpoint, port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ ...tlsOptions(endpoint), port, timeout: timeoutMs }, () => {
      const subject = socket.getPeerCertificate().subject;
      socket.destroy();
      resolve(typeof subject.CN === 'string' ? subject.CN : 'the server');
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no TLS handshake within ${timeoutMs / 1000} s`));
    });
    socket.once('error', reject);
  });
}

const tlsAdvice = 'set tlsCaCert to the PEM of the CA that issued the server’s certificate, and tlsServerName when the URL uses an address or another name';

export async function testDirectoryConnection(endpoint: Endpoint, secrets: BindSecrets, permission: PermissionCheck): Promise<TestReport> {
  const steps = new StageLog();
  const report = (): TestReport => ({ ok: steps.every((s) => s.ok), steps });
  const timeoutMs = Math.min(endpoint.timeoutSeconds, 15) * 1000;
  const { host, port, secure } = endpointHost(endpoint);

  let address = host;
  if (isIP(host) !== 0) steps.push({ step: 'dns', ok: true, detail: `${host} is an address; nothing to resolve` });
  else {
    try {
      address = (await lookup(host)).address;
      steps.push({ step: 'dns', ok: true, detail: `${host} resolves to ${address}` });
    } catch (error) {
      steps.push({ step: 'dns', ok: false, detail: `${host} does not resolve (${describe(error)}): check the host name in the URL and the worker’s DNS` });
      return report();
    }
  }

  try {
    await tcpProbe(address, port, timeoutMs);
    steps.push({ step: 'tcp', ok: true, detail: `${host}:${port} accepts connections` });
  } catch (error) {
    steps.push({ step: 'tcp', ok: false, detail: `nothing answers on ${host}:${port} (${describe(error)}): check the URL’s port, that the server runs, and firewalls between the worker and it` });
    return report();
  }

  // ldapts speaks TLS from the first byte whenever it is given TLS options: only for ldaps://.
  const client = new Client({ url: endpoint.url, timeout: timeoutMs, connectTimeout: timeoutMs, ...(secure ? { tlsOptions: tlsOptions(endpoint) } : {}), strictDN: false });
  try {
    if (secure) {
      try {
        const cn = await tlsProbe(endpoint, port, timeoutMs);
        steps.push({ step: 'tls', ok: true, detail: `LDAPS handshake done; the certificate of ${cn} is trusted` });
      } catch (error) {
        steps.push({ step: 'tls', ok: false, detail: `the TLS handshake failed (${describe(error)}): ${tlsAdvice}` });
        return report();
      }
    } else if (endpoint.startTls) {
      try {
        await client.startTLS(tlsOptions(endpoint));
        steps.push({ step: 'tls', ok: true, detail: 'StartTLS done; the server’s certificate is trusted' });
      } catch (error) {
        steps.push({ step: 'tls', ok: false, detail: `StartTLS failed (${describe(error)}): check that the server offers StartTLS; ${tlsAdvice}` });
        return report();
      }
    } else {
      steps.push({ step: 'tls', ok: true, detail: 'not used: the password travels in clear over ldap:// (use ldaps:// or startTls outside a lab)' });
    }

    try {
      await client.bind(secrets.bindDn, secrets.password);
      steps.push({ step: 'bind', ok: true, detail: `bound as ${secrets.bindDn}` });
    } catch (error) {
      const detail =
        error instanceof InvalidCredentialsError
          ? `invalid credentials for ${secrets.bindDn}: check the bind DN and password (and that the account is enabled and not locked)`
          : error instanceof ResultCodeError && (error.code === resultCodes.strongAuthRequired || error.code === resultCodes.confidentialityRequired)
            ? `the server refuses simple binds without TLS (${describe(error)}): use an ldaps:// URL or startTls`
            : `binding as ${secrets.bindDn} failed (${describe(error)})`;
      steps.push({ step: 'bind', ok: false, detail });
      return report();
    }

    for (const dn of permission.dns) {
      try {
        const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['1.1'] });
        if (searchEntries.length === 0) throw new Error('the entry is not visible');
      } catch (error) {
        const missing = error instanceof ResultCodeError && error.code === resultCodes.noSuchObject;
        steps.push({
          step: 'permission',
          ok: false,
          detail: missing
            ? `${dn} does not exist (or ${secrets.bindDn} cannot see it): check the connection’s DNs`
            : `${secrets.bindDn} cannot read ${dn} (${describe(error)}): grant the account read access`,
        });
        return report();
      }
    }
    steps.push({ step: 'permission', ok: true, detail: `${secrets.bindDn} can read ${permission.dns.join(' and ')}` });
    return report();
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
