/**
 * The API against its own contract, checked by a third-party fuzzer: schemathesis reads
 * /api/openapi.json from a listening Tenure (real Temporal, PGlite, worker) and sends generated
 * requests to every operation, as the bootstrap admin and as an HR source. It fails on any 5xx, on
 * any status or body the document does not declare, and on any request the document calls invalid
 * that the server accepted.
 *
 * `npm test` runs a bounded number of examples per operation (TENURE_CONTRACT_EXAMPLES, 4 by
 * default); `npm run test:contract` runs the full 1,000.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routeAccess, rolesOf } from '../../server/http/access.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';
import { runSchemathesis, type FuzzResult } from './schemathesis.ts';

const examples = Number(process.env.TENURE_CONTRACT_EXAMPLES ?? '4');
const seed = Number(process.env.TENURE_CONTRACT_SEED ?? '20261207');
/** Narrows a run to the operations whose path matches (a regular expression), to reproduce one finding. */
const onlyPaths = process.env.TENURE_CONTRACT_PATHS;
// A full run sends thousands of requests per operation.
const timeout = Math.max(600_000, examples * 60_000);

let sys: TestSystem;
let schemaUrl: string;
let hrToken: string;

beforeAll(async () => {
  sys = await startTestSystem();
  await sys.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = z.custom<AddressInfo>((a) => typeof a === 'object' && a !== null && 'port' in a).parse(sys.app.server.address());
  schemaUrl = `http://127.0.0.1:${port}/api/openapi.json`;
  expect((await sys.api('POST', '/api/users', { id: 'contract-hr', displayName: 'Contract HR', roles: ['hr-source'] })).status).toBe(201);
  hrToken = z.object({ token: z.string() }).parse((await sys.api('POST', '/api/users/contract-hr/tokens', { name: 'contract' })).body).token;
}, 240_000);
afterAll(async () => {
  await sys.stop();
});

function report(who: string, result: FuzzResult): void {
  const lines = [...result.casesPerOperation].sort(([a], [b]) => a.localeCompare(b)).map(([op, n]) => `  ${String(n).padStart(6)}  ${op}`);
  const total = [...result.casesPerOperation.values()].reduce((a, b) => a + b, 0);
  console.info(`schemathesis as ${who}: ${total} cases over ${result.casesPerOperation.size} operations\n${lines.join('\n')}`);
}

/** The paths an HR source may call, as a regular expression over OpenAPI paths. */
function hrSourcePaths(): string {
  const paths = Object.entries(routeAccess)
    .filter(([, access]) => rolesOf(access).includes('hr-source'))
    .map(([key]) => key.split(' ')[1] ?? '')
    .map((url) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return `^(${[...new Set(paths)].join('|')})$`;
}

describe('the API under schemathesis', () => {
  it('holds its contract for an HR source', async () => {
    const result = await runSchemathesis({ schemaUrl, token: hrToken, maxExamples: examples, seed, includePathRegex: onlyPaths ?? hrSourcePaths() });
    report('an HR source', result);
    expect(result.failures, result.output.slice(-20_000)).toEqual([]);
    expect(result.exitCode, result.output.slice(-20_000)).toBe(0);
    expect(result.casesPerOperation.size).toBeGreaterThan(4);
  }, timeout);

  it('holds its contract for the admin', async () => {
    const result = await runSchemathesis({ schemaUrl, token: adminToken, maxExamples: examples, seed, ...(onlyPaths !== undefined ? { includePathRegex: onlyPaths } : {}) });
    report('the admin', result);
    expect(result.failures, result.output.slice(-20_000)).toEqual([]);
    expect(result.exitCode, result.output.slice(-20_000)).toBe(0);
    expect(result.casesPerOperation.size).toBeGreaterThan(50);
  }, timeout);
});
