/**
 * The OpenAPI document at /api/openapi.json: public, valid OpenAPI 3.1 by a maintained validator
 * (openapi-spec-validator, installed into .tools/venv by scripts/setup.sh --test), and complete: every
 * API route the app registers is in it, with what it answers on success and the error envelope for
 * its error answers. test/contract/ checks the answers themselves against it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const validator = join(process.cwd(), '.tools/venv/bin/openapi-spec-validator');

const responseSchema = z.object({ content: z.record(z.string(), z.object({ schema: z.unknown() })).optional() });
const operation = z.object({ responses: z.record(z.string(), responseSchema), security: z.array(z.unknown()).optional() });
const documentSchema = z.object({ openapi: z.string(), paths: z.record(z.string(), z.record(z.string(), z.unknown())) });

let sys: TestSystem;
let dir: string;
beforeAll(async () => {
  sys = await startTestSystem();
  dir = await mkdtemp(join(tmpdir(), 'tenure-openapi-'));
}, 240_000);
afterAll(async () => {
  await sys.stop();
  await rm(dir, { recursive: true, force: true });
});

async function fetchDocument() {
  const res = await sys.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  return { raw: res.body, document: documentSchema.parse(JSON.parse(res.body)) };
}

/** `/api/runs/:id` as OpenAPI spells it: `/api/runs/{id}` (and a wildcard `*` as a parameter `{*}`). */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{*}');

describe('GET /api/openapi.json', () => {
  it('is served without credentials and validates as OpenAPI 3.1', async () => {
    const { raw, document } = await fetchDocument();
    expect(document.openapi).toBe('3.1.0');
    const file = join(dir, 'openapi.json');
    await writeFile(file, raw);
    const { stdout } = await promisify(execFile)(validator, [file]);
    expect(stdout).toContain('OK');
  }, 60_000);

  it('lists every API route with the error envelope for its 4xx and 5xx answers', async () => {
    const { document } = await fetchDocument();
    const apiRoutes = sys.app.guardedRoutes.filter((r) => r.method !== 'HEAD' && r.url !== '/*' && r.url !== '/api/openapi.json' && /^\/(api|auth|hooks|healthz|metrics)/.test(r.url));
    expect(apiRoutes.length).toBeGreaterThan(50);
    for (const route of apiRoutes) {
      const entry = document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      expect(entry, `${route.method} ${route.url}`).toBeDefined();
      const { responses } = operation.parse(entry);
      for (const range of ['4XX', '5XX']) {
        expect(responses[range]?.content?.['application/json'], `${route.method} ${route.url} ${range}`).toBeDefined();
      }
    }
  });

  it('declares what every API route answers when it succeeds', async () => {
    const { document } = await fetchDocument();
    const apiRoutes = sys.app.guardedRoutes.filter((r) => r.method !== 'HEAD' && r.url !== '/*' && r.url !== '/api/openapi.json' && /^\/(api|auth|hooks|healthz|metrics)/.test(r.url));
    for (const route of apiRoutes) {
      const { responses } = operation.parse(document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()]);
      const success = Object.keys(responses).filter((status) => /^[23]\d\d$/.test(status));
      expect(success, `${route.method} ${route.url}: declare its answers in server/http/responses.ts`).not.toEqual([]);
    }
  });

  it('says public routes need no token and the others a bearer token', async () => {
    const { document } = await fetchDocument();
    expect(operation.parse(document.paths['/healthz/live']?.get).security).toEqual([]);
    expect(operation.parse(document.paths['/api/definitions']?.get).security).toBeUndefined();
  });
});
