/**
 * The HTTP callout connection test: dns → tcp → tls (https only) → http. The http stage sends an
 * OPTIONS request — no callout, no side effect — and counts any answer below 500 as reachable. A
 * connector whose receivers answer only POST (the HR write-back webhook) brings its own http stage.
 */
import { lookup } from 'node:dns/promises';
import { connect as tcpConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { StageLog, type TestReport, type TestStep } from '../connections.ts';
import type { HttpConfig } from './connector.ts';

const reason = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error && cause.message !== error.message ? `${error.message}: ${cause.message}` : error.message;
};

/** The last stage: what the endpoint says over HTTP. */
export type HttpStage = (url: URL, timeoutMs: number) => Promise<TestStep>;

export async function probeEndpoint(config: HttpConfig, httpStage: HttpStage = optionsStage): Promise<TestReport> {
  const steps = new StageLog();
  const done = (step: TestStep) => {
    steps.push(step);
    return { ok: steps.every((s) => s.ok), steps };
  };
  const url = new URL(config.url);
  const https = url.protocol === 'https:';
  const port = url.port !== '' ? Number(url.port) : https ? 443 : 80;
  // URL keeps IPv6 literals in brackets; the socket APIs want them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const timeoutMs = config.timeoutSeconds * 1000;

  let address = host;
  if (isIP(host) === 0) {
    try {
      address = (await lookup(host)).address;
      steps.push({ step: 'dns', ok: true, detail: `${host} resolves to ${address}` });
    } catch (error) {
      return done({ step: 'dns', ok: false, detail: `cannot resolve ${host} (${reason(error)}); check the URL's host name` });
    }
  } else {
    steps.push({ step: 'dns', ok: true, detail: `${host} is an IP address; no lookup needed` });
  }

  try {
    await new Promise<void>((resolve, reject) => {
      const socket = tcpConnect({ host: address, port, timeout: timeoutMs });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('timeout', () => {
        socket.destroy();
        reject(new Error(`no answer within ${config.timeoutSeconds} s`));
      });
      socket.once('error', (error: Error) => reject(error));
    });
    steps.push({ step: 'tcp', ok: true, detail: `connected to ${address}:${port}` });
  } catch (error) {
    return done({ step: 'tcp', ok: false, detail: `cannot connect to ${address}:${port} (${reason(error)}); check the URL's port and the firewall` });
  }

  if (https) {
    try {
      const protocol = await new Promise<string>((resolve, reject) => {
        const socket = tlsConnect({ host: address, port, ...(isIP(host) === 0 ? { servername: host } : {}), timeout: timeoutMs });
        socket.once('secureConnect', () => {
          const p = socket.getProtocol() ?? 'TLS';
          socket.destroy();
          resolve(p);
        });
        socket.once('timeout', () => {
          socket.destroy();
          reject(new Error(`no TLS handshake within ${config.timeoutSeconds} s`));
        });
        socket.once('error', (error: Error) => reject(error));
      });
      steps.push({ step: 'tls', ok: true, detail: `${protocol} established with a trusted certificate for ${host}` });
    } catch (error) {
      return done({ step: 'tls', ok: false, detail: `TLS with ${host}:${port} failed (${reason(error)}); the certificate must be valid for ${host} and trusted by this server` });
    }
  }

  try {
    return done(await httpStage(url, timeoutMs));
  } catch (error) {
    return done({ step: 'http', ok: false, detail: `no HTTP answer from ${url.origin} (${reason(error)})` });
  }
}

async function optionsStage(url: URL, timeoutMs: number): Promise<TestStep> {
  const res = await fetch(url, { method: 'OPTIONS', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  await res.body?.cancel();
  if (res.status >= 500) return { step: 'http', ok: false, detail: `the endpoint answered HTTP ${res.status}: the service is failing; ask its owner` };
  return { step: 'http', ok: true, detail: `the endpoint answers HTTP (${res.status} to OPTIONS)` };
}
