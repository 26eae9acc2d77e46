/**
 * TENURE_TRUST_PROXY: off, the address a request came from is the caller's, whatever
 * X-Forwarded-For claims; set, the proxies named are believed. The refusal limiter, HR sources'
 * allow-lists and the audit log all read the address Fastify derives from it.
 */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import type { TrustProxy } from '../../server/http/trustProxy.ts';

async function ipSeen(trustProxy: TrustProxy | undefined, remoteAddress: string, forwardedFor: string): Promise<string> {
  const app = Fastify({ trustProxy: trustProxy ?? false });
  app.get('/ip', (request) => Promise.resolve(request.ip));
  const res = await app.inject({ method: 'GET', url: '/ip', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });
  await app.close();
  return res.body;
}

const trustProxyOf = (value: string | undefined) => loadConfig(value === undefined ? {} : { TENURE_TRUST_PROXY: value }).trustProxy;

describe('TENURE_TRUST_PROXY', () => {
  it('reads true, false, a hop count, or a list of proxy addresses and blocks', () => {
    expect(trustProxyOf(undefined)).toBeUndefined();
    expect(trustProxyOf('true')).toBe(true);
    expect(trustProxyOf('false')).toBe(false);
    expect(trustProxyOf('2')).toBeTypeOf('function');
    expect(trustProxyOf('10.0.0.1, 10.1.0.0/16')).toBe('10.0.0.1, 10.1.0.0/16');
  });

  it('ignores X-Forwarded-For unless the proxy it came through is trusted', async () => {
    expect(await ipSeen(trustProxyOf(undefined), '10.0.0.1', '203.0.113.7')).toBe('10.0.0.1');
    expect(await ipSeen(trustProxyOf('10.0.0.0/8'), '10.0.0.1', '203.0.113.7')).toBe('203.0.113.7');
    expect(await ipSeen(trustProxyOf('10.0.0.0/8'), '192.0.2.9', '203.0.113.7')).toBe('192.0.2.9');
    expect(await ipSeen(trustProxyOf('1'), '10.0.0.1', '198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(await ipSeen(trustProxyOf('2'), '10.0.0.1', '198.51.100.1, 203.0.113.7')).toBe('198.51.100.1');
  });
});
