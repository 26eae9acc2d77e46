/**
 * Throttling and failure mapping of the entra actions, against the Graph peer (test/peers/graph),
 * which follows Microsoft Graph v1.0's documented contract: 429/503 with Retry-After, OData errors,
 * 401 InvalidAuthenticationToken, 403 Authorization_RequestDenied, and the identity platform's
 * token errors.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEntraActivities } from '../../../activities/entra/index.ts';
import { freePort } from '../../support/ports.ts';
import { testActivityDeps } from '../../support/deps.ts';
import { entraActions, entraConnection, failureOf, newHire, startEntraFixture, type EntraFixture } from './fixture.ts';

let f: EntraFixture;
beforeAll(async () => {
  f = await startEntraFixture();
});
afterAll(async () => {
  await f.stop();
});
beforeEach(() => {
  f.peer.tenant.users.clear();
  f.peer.requests.length = 0;
});

describe('throttling', () => {
  it('waits out a 429 with Retry-After: 1 and then succeeds', async () => {
    f.peer.throttleNext(1, 1);
    const started = Date.now();
    expect(await f.run('entra.createUser', newHire)).toMatchObject({ created: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(f.peer.requests[0]).toMatchObject({ method: 'GET', path: '/users', status: 429 });
    expect(f.peer.activeUsers()).toHaveLength(1);
  });

  it('waits out a 503 with Retry-After the same way', async () => {
    f.peer.throttleNext(2, 1, 503);
    expect(await f.run('entra.findUser', { user: 'E1001' })).toMatchObject({ found: false });
    expect(f.peer.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('hands a long Retry-After to Temporal as the next retry delay instead of blocking the worker', async () => {
    f.peer.throttleNext(1, 300);
    const failure = await failureOf(f.run('entra.createUser', newHire));
    expect(failure).toMatchObject({ type: 'EntraThrottled', nonRetryable: false, nextRetryDelay: '300s' });
    expect(failure.message).toContain('asks to wait 300 s');
    expect(f.peer.activeUsers()).toHaveLength(0);
  });

  it('gets one token and reuses it for every call on the connection', async () => {
    const fresh = await startEntraFixture();
    try {
      await fresh.run('entra.createUser', newHire);
      await fresh.run('entra.disableUser', { user: 'E1001' });
      await fresh.run('entra.findUser', { user: 'E1001' });
      expect(fresh.peer.tokensIssued()).toBe(1);
    } finally {
      await fresh.stop();
    }
  });
});

describe('failures', () => {
  it('reports a wrong client secret as bad credentials, without retrying and without the secret', async () => {
    const wrong = entraActions(entraConnection(f.peer, {}, { clientSecret: 'not-the-secret' }));
    const failure = await failureOf(wrong.run('entra.findUser', { user: 'E1001' }));
    expect(failure).toMatchObject({ type: 'EntraAuthFailed', nonRetryable: true });
    expect(failure.message).toContain(`invalid client secret for app ${f.peer.clientId}`);
    expect(failure.message).not.toContain('not-the-secret');
  });

  it('reports a missing Graph permission with the Graph error code and the permission to grant', async () => {
    const readOnly = await startEntraFixture();
    try {
      readOnly.peer.setPermissions(['User.Read.All']);
      const failure = await failureOf(readOnly.run('entra.createUser', newHire));
      expect(failure).toMatchObject({ type: 'EntraPermissionDenied', nonRetryable: true });
      expect(failure.message).toContain('Authorization_RequestDenied');
      expect(failure.message).toContain(`app ${readOnly.peer.clientId} lacks permission`);
      expect(failure.message).toContain('User.ReadWrite.All');
    } finally {
      await readOnly.stop();
    }
  });

  it('refuses to trust the peer’s certificate unless the connection names its CA', async () => {
    const untrusting = entraActions(entraConnection(f.peer, { tlsCaCert: undefined }));
    const failure = await failureOf(untrusting.run('entra.findUser', { user: 'E1001' }));
    expect(failure).toMatchObject({ type: 'EntraTlsUntrusted', nonRetryable: true });
    expect(failure.message).toContain('tlsCaCert');
  });

  it('treats an unreachable tenant as something to retry', async () => {
    const port = await freePort();
    const gone = entraActions(entraConnection(f.peer, { authorityHost: `https://127.0.0.1:${port}`, graphBaseUrl: `https://127.0.0.1:${port}/v1.0` }));
    const failure = await failureOf(gone.run('entra.findUser', { user: 'E1001' }));
    expect(failure.nonRetryable).toBe(false);
    expect(failure.type).toBe('EntraAuthUnavailable');
  });

  it('refuses a step without a connection, or with one that does not exist', async () => {
    const implementations = createEntraActivities(testActivityDeps());
    const find = implementations['entra.findUser'];
    if (!find) throw new Error('no implementation is registered for entra.findUser');
    expect(await failureOf(find({ runId: 'r', nodeId: 'find', input: { user: 'E1001' } }))).toMatchObject({ type: 'EntraConnectionMissing', nonRetryable: true });
    const missing = await failureOf(find({ runId: 'r', nodeId: 'find', connectionId: 'nope', input: { user: 'E1001' } }));
    expect(missing).toMatchObject({ type: 'EntraConnectionMissing', nonRetryable: true });
    expect(missing.message).toContain('no connection "nope"');
  });
});
