/**
 * Testing an Entra connection, stage by stage, stopping at the first failure: the hosts resolve
 * (dns), accept connections (tcp), present a certificate we trust (tls), the authority knows the
 * tenant (http), the app gets a token with its secret (auth), and Graph lets it read users
 * (permission). Each failure says what to fix; none shows the secret.
 */
import { lookup } from 'node:dns/promises';
import { isIP, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { type Connection, StageLog, type TestReport, type TestStep } from '../connections.ts';
import type { EntraConfig, EntraSecrets } from './connector.ts';
import { describeError, explainAuthFailure, probeAuthority } from './authority.ts';
import { graphFailure, graphProblem } from './failures.ts';
import { createSession } from './session.ts';

const timeoutMs = 5000;

function endpoints(config: EntraConfig): { host: string; port: number }[] {
  const seen = new Map<string, { host: string; port: number }>();
  for (const u of [config.authorityHost, config.graphBaseUrl]) {
    const url = new URL(u);
    seen.set(url.host, { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443) });
  }
  return [...seen.values()];
}

const reason = (error: unknown) => (error instanceof Error ? describeError(error) : String(error));

async function resolves(host: string): Promise<string> {
  if (isIP(host) !== 0) return `${host} is an address`;
  const { address } = await lookup(host);
  return `${host} resolves to ${address}`;
}

function opens(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port, timeout: timeoutMs }, () => {
      socket.end();
      resolve();
    });
    socket.on('timeout', () => socket.destroy(new Error(`timed out after ${timeoutMs / 1000} s`)));
    socket.on('error', reject);
  });
}

function handshakes(host: string, port: number, ca: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host, port, timeout: timeoutMs, ...(isIP(host) === 0 ? { servername: host } : {}), ...(ca === undefined ? {} : { ca }) }, () => {
      socket.end();
      resolve();
    });
    socket.on('timeout', () => socket.destroy(new Error(`timed out after ${timeoutMs / 1000} s`)));
    socket.on('error', reject);
  });
}

export async function testEntraConnection(connection: Connection<EntraConfig, EntraSecrets>): Promise<TestReport> {
  const { config } = connection;
  const steps = new StageLog();
  const done = (step: TestStep['step'], ok: boolean, detail: string): boolean => {
    steps.push({ step, ok, detail });
    return ok;
  };
  const report = (): TestReport => ({ ok: steps.every((s) => s.ok), steps });
  const hosts = endpoints(config);

  const resolved: string[] = [];
  for (const { host } of hosts) {
    try {
      resolved.push(await resolves(host));
    } catch (error) {
      done('dns', false, `cannot resolve ${host} (${reason(error)}); check the URL and the worker's DNS`);
      return report();
    }
  }
  done('dns', true, resolved.join('; '));

  for (const { host, port } of hosts) {
    try {
      await opens(host, port);
    } catch (error) {
      done('tcp', false, `cannot connect to ${host}:${port} (${reason(error)}); check firewalls and proxies between the worker and Microsoft`);
      return report();
    }
  }
  done('tcp', true, hosts.map((h) => `${h.host}:${h.port} accepts connections`).join('; '));

  for (const { host, port } of hosts) {
    try {
      await handshakes(host, port, config.tlsCaCert);
    } catch (error) {
      done('tls', false, `TLS with ${host}:${port} failed (${reason(error)}); when a proxy or private CA is in the path, set tlsCaCert`);
      return report();
    }
  }
  done('tls', true, 'certificates trusted');

  const tenant = await probeAuthority(config, timeoutMs);
  if (!tenant.ok) {
    done('http', false, `no answer from ${config.authorityHost} (${describeError(tenant.error)})`);
    return report();
  }
  if (tenant.status !== 200) {
    done('http', false, `${config.authorityHost} does not know tenant ${config.tenantId} (HTTP ${tenant.status}); check the tenant id and the authority host`);
    return report();
  }
  done('http', true, `${config.authorityHost} knows tenant ${config.tenantId}`);

  const session = createSession(config, connection.secrets);
  try {
    try {
      await session.credential.getToken(session.scope);
    } catch (error) {
      done('auth', false, (await explainAuthFailure(error, config)).message);
      return report();
    }
    done('auth', true, `app ${config.clientId} got a token for ${session.scope}`);

    try {
      await session.graph.api('/users').select(['id']).top(1).get();
    } catch (error) {
      const problem = graphProblem(error);
      const failure = problem ? graphFailure(problem, { what: 'read users', permission: 'User.ReadWrite.All' }, config) : undefined;
      done('permission', false, failure?.message ?? (error instanceof Error ? error.message : String(error)));
      return report();
    }
    done('permission', true, `app ${config.clientId} can read users`);
  } finally {
    session.agent.destroy();
    await session.writes.disconnect(false);
  }
  return report();
}
