/**
 * The pooled LDAP session when its directory misbehaves. A step whose call failed on a dead
 * connection drops the session from the pool and closes it, while another step may still be
 * connecting through that same session: that connect must end (fail, and be retried), never hang,
 * since a hung bind holds the connection's call slots and every later step against the directory
 * would wait behind it. Against a real TCP server that accepts connections and never answers, so a
 * connect stays pending as long as the test needs.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitsSchema } from '../../../activities/limits.ts';
import { isConnectionError } from '../../../activities/directory/errors.ts';
import { DirectorySession } from '../../../activities/directory/session.ts';

let server: Server;
let port = 0;
const accepted: Socket[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    accepted.push(socket);
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});
afterAll(async () => {
  for (const s of accepted) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

function session(timeoutSeconds: number): DirectorySession {
  return new DirectorySession({
    connectionId: 'silent-directory',
    version: 1,
    endpoint: { url: `ldaps://127.0.0.1:${port}`, startTls: false, tlsRejectUnauthorized: true, baseDn: 'DC=example,DC=com', timeoutSeconds, pageSize: 100 },
    secrets: { bindDn: 'CN=svc,DC=example,DC=com', password: 'not-used' },
    limits: limitsSchema.parse(undefined),
  });
}

async function connectionAccepted(count: number): Promise<void> {
  while (accepted.length < count) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('directory session', () => {
  it('fails a bind still connecting when another step closes the session, instead of leaving it pending', { timeout: 30_000 }, async () => {
    const s = session(2);
    const before = accepted.length;
    const binding = s.ensureBound();
    const outcome = binding.then(
      () => 'bound',
      (error: unknown) => error,
    );
    await connectionAccepted(before + 1);
    await s.close();
    const error = await outcome;
    expect(error).toBeInstanceOf(Error);
    expect(isConnectionError(error)).toBe(true);
  });

  it('fails a bind the directory never answers, as a connection error the step retries', { timeout: 30_000 }, async () => {
    const s = session(1);
    const error = await s.ensureBound().then(
      () => 'bound',
      (e: unknown) => e,
    );
    expect(isConnectionError(error)).toBe(true);
    await s.close();
  });
});
