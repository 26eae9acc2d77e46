/**
 * Graph lets an app write 3,000 times per 150 s in a tenant, and look up users far more often: an
 * Entra ID connection paces its writes at `writesPerSecond` while lookups only meet the connection's
 * `limits`. Read from the Graph peer's own request log.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newHire, startEntraFixture, type EntraFixture } from './fixture.ts';

let f: EntraFixture;
beforeAll(async () => {
  // One write every two seconds; lookups at the connection's default rate.
  f = await startEntraFixture({}, { writesPerSecond: 0.5 });
});
afterAll(async () => {
  await f.stop();
});

it('spaces writes at writesPerSecond, and does not hold lookups to that rate', async () => {
  const hires = ['E2001', 'E2002', 'E2003'].map((employeeId, i) => ({ ...newHire, employeeId, userPrincipalName: `hire${i}@contoso.com`, displayName: `Hire ${i}` }));
  await Promise.all(hires.map(async (hire) => f.run('entra.createUser', hire)));
  const creates = f.peer.requests.filter((r) => r.method === 'POST' && r.path === '/users').map((r) => r.at);
  expect(creates).toHaveLength(3);
  // Three writes at one per two seconds: the bucket is topped up every two seconds, and the third
  // write needs the second top-up after the first write took the only token, so more than two
  // seconds lie between the first and the last (unpaced, all three go out within milliseconds).
  expect(Math.max(...creates) - Math.min(...creates)).toBeGreaterThan(2000);

  // Ten lookups right after those writes: paced as writes they would need twenty seconds more.
  f.peer.requests.length = 0;
  const checks = Array.from({ length: 10 }, (_, i) => ({ attribute: 'mailNickname', value: `free${i}` }));
  expect(await f.run('entra.freeValues', { checks })).toEqual({ free: checks.map(() => true) });
  const lookups = f.peer.requests.filter((r) => r.method === 'GET').map((r) => r.at);
  expect(lookups).toHaveLength(10);
  expect(Math.max(...lookups) - Math.min(...lookups)).toBeLessThan(10_000);
});
