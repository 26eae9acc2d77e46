/**
 * Hardening of the HTTP API: security headers, body size limits by route kind, strict request
 * schemas, rate limits on token issuing and on repeated refusals, no internals in a 5xx, text that
 * cannot be stored refused naming the field (HR text cleaned), and nesting limits.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { maxConditionDepth, type Condition, type TopLevelCondition } from '../../workflows/dsl/index.ts';
import { maxJsonDepth } from '../../workflows/dsl/text.ts';
import { errorBody } from '../support/api.ts';
import { sampleDefinition } from '../support/definitions.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let designerDir: string;
const issued = z.object({ id: z.string(), token: z.string() });
let hrToken: string;

beforeAll(async () => {
  designerDir = await mkdtemp(join(tmpdir(), 'tenure-hardening-designer-'));
  await writeFile(join(designerDir, 'index.html'), '<!doctype html><title>Tenure</title>');
  sys = await startTestSystem({ designerDir });
  expect((await sys.api('POST', '/api/users', { id: 'feed', displayName: 'HR feed', roles: ['hr-source'] })).status).toBe(201);
  hrToken = issued.parse((await sys.api('POST', '/api/users/feed/tokens', { name: 'feed' })).body).token;
}, 120_000);

afterAll(async () => {
  await sys.stop();
  await rm(designerDir, { recursive: true, force: true });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and the other helmet headers on the API and the designer', async () => {
    for (const url of ['/healthz', '/', '/api/definitions']) {
      const res = await sys.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${adminToken}` } });
      expect(res.statusCode, url).toBeLessThan(500);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('body size limits', () => {
  const big = 'x'.repeat(1536 * 1024);

  it('refuses a JSON body over 1 MiB with 413 before anything is stored', async () => {
    const res = await sys.app.inject({
      method: 'POST',
      url: '/api/definitions',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ id: 'too-big', name: big }),
    });
    expect(res.statusCode).toBe(413);
    expect(errorBody.parse(res.json()).error.code).toBe('payload_too_large');
    expect(await sys.db.query("SELECT id FROM definitions WHERE id = 'too-big'")).toEqual([]);
  });

  it('reads a CSV import of the same size (imports are larger by nature)', async () => {
    const csv = `employeeId,displayName\n${Array.from({ length: 1536 }, (_, i) => `E${i},${'n'.repeat(1000)}`).join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const res = await sys.app.inject({ method: 'POST', url: '/api/hr/imports?dryRun=true', headers: { authorization: `Bearer ${hrToken}`, 'content-type': 'text/csv' }, payload: csv });
    // The snapshot was read and judged on its content (its columns are not a full HR snapshot): not a size refusal.
    expect(res.statusCode).not.toBe(413);
    expect(res.statusCode).toBeLessThan(500);
  });
});

describe('strict request schemas', () => {
  /** Unwraps optional/default wrappers down to the schema that holds the fields. */
  function core(schema: unknown): unknown {
    let s = schema;
    while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.def.innerType;
    return s;
  }

  /** Schemas that chose `.loose()` on purpose, and why. Anything else must refuse unknown fields. */
  const deliberatelyLoose: Record<string, string> = {
    'POST /api/inbound/scim/bulkUpload body': 'a SCIM 2.0 BulkRequest may carry extension attributes (RFC 7644); its operations are checked one by one',
  };

  it('refuses unknown fields in every object body, query and path of every route', () => {
    const loose: string[] = [];
    for (const route of sys.app.guardedRoutes) {
      for (const part of ['body', 'querystring', 'params'] as const) {
        const schema = core(route.schema?.[part]);
        if (schema instanceof z.ZodObject && !(schema.def.catchall instanceof z.ZodNever)) loose.push(`${route.method} ${route.url} ${part}`);
      }
    }
    expect(loose).toEqual(Object.keys(deliberatelyLoose));
  });

  it('answers an unknown field with 400 naming it, and stores nothing', async () => {
    const res = await sys.api('POST', '/api/users', { id: 'extra', displayName: 'Extra', roles: [], isAdmin: true });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('isAdmin');
    expect(await sys.db.query("SELECT id FROM users WHERE id = 'extra'")).toEqual([]);
    // A route whose schema said nothing about unknown fields is made strict too: the sign-in start.
    const login = await sys.app.inject({ method: 'GET', url: '/auth/login?returnTo=%2F&next=https%3A%2F%2Fevil.example' });
    expect(login.statusCode).toBe(400);
    expect(login.body).toContain('next');
  });
});

describe('rate limits', () => {
  it('limits token issuing per address to 20 a minute, issuing nothing past the limit', async () => {
    expect((await sys.api('POST', '/api/users', { id: 'minted', displayName: 'Minted', roles: [] })).status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await sys.app.inject({
        method: 'POST',
        url: '/api/users/minted/tokens',
        remoteAddress: '127.8.0.1',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: `t${i}` }),
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(errorBody.parse(res.json()).error.code).toBe('too_many_requests');
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429]);
    const [count] = await sys.db.query<{ n: number }>("SELECT count(*)::int AS n FROM api_tokens WHERE user_id = 'minted'");
    expect(count?.n).toBe(20);
  });

  it('holds off a credential after 30 refusals in a minute, not the good tokens sent from the same address', async () => {
    // One address for everyone, as behind a reverse proxy: a bad token must not block the others.
    const ip = '127.8.0.2';
    const wrong = { authorization: 'Bearer tnr_0123456789ab_guess' };
    for (let i = 0; i < 30; i++) {
      const res = await sys.app.inject({ method: 'GET', url: '/api/definitions', remoteAddress: ip, headers: wrong });
      expect(res.statusCode).toBe(401);
    }
    const held = await sys.app.inject({ method: 'GET', url: '/api/definitions', remoteAddress: ip, headers: wrong });
    expect(held.statusCode).toBe(429);
    expect(errorBody.parse(held.json()).error.message).toMatch(/too many refused requests with these credentials.*; try again in \d+ s/);
    const good = await sys.app.inject({ method: 'GET', url: '/api/definitions', remoteAddress: ip, headers: { authorization: `Bearer ${adminToken}` } });
    expect(good.statusCode).toBe(200);
    const [audited] = await sys.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.refused' AND details->>'ip' = $1", [ip]);
    expect(audited?.n).toBe(30);
    // Public routes stay open to it: a load balancer behind the same address still sees health.
    expect((await sys.app.inject({ method: 'GET', url: '/healthz', remoteAddress: ip, headers: wrong })).statusCode).not.toBe(429);
  });

  it('holds off an address after 30 refusals without credentials, and only that address', async () => {
    const ip = '127.8.0.4';
    for (let i = 0; i < 30; i++) expect((await sys.app.inject({ method: 'GET', url: '/api/definitions', remoteAddress: ip })).statusCode).toBe(401);
    expect((await sys.app.inject({ method: 'GET', url: '/api/definitions', remoteAddress: ip })).statusCode).toBe(429);
    expect((await sys.app.inject({ method: 'GET', url: '/api/definitions', remoteAddress: '127.8.0.3' })).statusCode).toBe(401);
    // A caller with a credential is counted by it, not by the address.
    expect((await sys.app.inject({ method: 'GET', url: '/api/definitions', remoteAddress: ip, headers: { authorization: `Bearer ${adminToken}` } })).statusCode).toBe(200);
  });
});

describe('server errors', () => {
  it('answers an internal failure with 500, a request id, and no message, stack or names from inside', async () => {
    await sys.db.query('ALTER TABLE definitions RENAME TO definitions_hidden_by_test');
    try {
      const res = await sys.api('GET', '/api/definitions');
      expect(res.status).toBe(500);
      const { error } = errorBody.parse(res.body);
      expect(error.code).toBe('internal');
      expect(error.message).toMatch(/^the server could not complete the request; the log has the details under request id \S+$/);
      const text = JSON.stringify(res.body);
      for (const leak of ['definitions', 'relation', 'does not exist', 'stack', '.ts', ' at ', 'SELECT']) expect(text, leak).not.toContain(leak);
    } finally {
      await sys.db.query('ALTER TABLE definitions_hidden_by_test RENAME TO definitions');
    }
    expect((await sys.api('GET', '/api/definitions')).status).toBe(200);
  });
});

describe('text that cannot be stored', () => {
  const refusal = (res: { status: number; body: unknown }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    return errorBody.parse(res.body).error;
  };
  const paths = (error: z.infer<typeof errorBody>['error']) => (error.details ?? []).map((d) => d.path);
  const storedDefinition = async (id: string) => sys.db.query<{ id: string; name: string }>("SELECT id, draft->>'name' AS name FROM definitions WHERE id = $1", [id]);
  const intake = async (employeeId: string) => sys.db.query("SELECT seq FROM hr_outbox WHERE employee_id = $1", [employeeId]);

  it('refuses it in a definition on create, update, validate and simulate, naming the field, and stores nothing', async () => {
    const create = refusal(await sys.api('POST', '/api/definitions', { ...sampleDefinition('text-create'), name: 'Onboarding \ud800' }));
    expect(paths(create)).toEqual(['body.name']);
    expect(create.message).toContain('body.name holds an unpaired UTF-16 surrogate (U+D800) at position 12');
    expect(await storedDefinition('text-create')).toEqual([]);

    expect((await sys.api('POST', '/api/definitions', sampleDefinition('text-update'))).status).toBe(201);
    const draft = sampleDefinition('text-update');
    const edited = { ...draft, nodes: draft.nodes.map((n) => (n.id === 'greet' ? { ...n, data: { ...n.data, label: 'Greet\u0085' } } : n)) };
    expect(paths(refusal(await sys.api('PUT', '/api/definitions/text-update', edited)))).toEqual(['body.nodes[3].data.label']);
    expect(await storedDefinition('text-update')).toEqual([{ id: 'text-update', name: draft.name }]);

    expect(paths(refusal(await sys.api('POST', '/api/definitions/validate', edited)))).toEqual(['body.nodes[3].data.label']);
    const simulate = refusal(await sys.api('POST', '/api/simulate', { definition: sampleDefinition('text-sim'), person: { employeeId: 'E1', attributes: { givenName: 'Ann\u0000', surname: '\udc00' } } }));
    expect(paths(simulate)).toEqual(['body.person.attributes.givenName', 'body.person.attributes.surname']);
    // Nothing unstorable can be saved, so a publish only ever reads a clean draft.
    expect((await sys.api('POST', '/api/definitions/text-update/publish')).status).toBe(201);
  });

  it('keeps tab and line breaks in free text such as a description', async () => {
    const res = await sys.api('POST', '/api/definitions', { ...sampleDefinition('text-free'), description: 'First line\n\tIndented second line\r\n' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [row] = await sys.db.query<{ description: string }>("SELECT draft->>'description' AS description FROM definitions WHERE id = 'text-free'");
    expect(row?.description).toBe('First line\n\tIndented second line\r\n');
  });

  it('refuses it in any other JSON body, in field names, and in the query, naming where', async () => {
    const user = refusal(await sys.api('POST', '/api/users', { id: 'text-user', displayName: 'Bell\u0007', roles: [] }));
    expect(user.details).toEqual([{ path: 'body.displayName', message: 'holds the control character U+0007 at position 5; free text accepts tab and line breaks, no other control character' }]);
    expect(await sys.db.query("SELECT id FROM users WHERE id = 'text-user'")).toEqual([]);
    const key = refusal(await sys.api('POST', '/api/users', { id: 'text-key', displayName: 'Key', roles: [], ['\ud800']: 1 }));
    expect(paths(key)).toEqual(['body.\\ud800']);
    expect(await sys.db.query("SELECT id FROM users WHERE id = 'text-key'")).toEqual([]);
    expect(paths(refusal(await sys.api('GET', '/api/runs?employeeId=E%C2%851')))).toEqual(['querystring.employeeId']);
  });

  it('refuses an HR event holding it, naming the field, and takes nothing in', async () => {
    const send = (employeeId: string, attributes: Record<string, unknown>) =>
      sys.api('POST', '/api/hr/events?source=text-feed', { eventId: `text-${employeeId}`, type: 'hire', employeeId, attributes: { givenName: 'Ann', ...attributes } });
    const cases: [string, Record<string, unknown>, string][] = [
      ['T-SUR', { surname: 'Lee\ud800' }, 'body.attributes.surname'],
      ['T-NUL', { title: '\u0000' }, 'body.attributes.title'],
      ['T-C1', { department: 'Sales\u009c' }, 'body.attributes.department'],
      ['T-TAB', { surname: 'Lee\tKim' }, 'body.attributes.surname'],
      ['T-LF', { displayName: 'Ann\nLee' }, 'body.attributes.displayName'],
      ['T-KEY', { ['cost\u0001Center']: '4130' }, 'body.attributes.cost\\u0001Center'],
      ['T-ZW', { ['given\u200bName']: 'x' }, 'body.attributes.given\u200bName'],
    ];
    for (const [employeeId, attributes, path] of cases) {
      const error = refusal(await send(employeeId, attributes));
      expect(paths(error), employeeId).toEqual([path]);
      expect(await intake(employeeId), employeeId).toEqual([]);
    }
  });

  it('refuses an employee id that is empty after trimming, or holds control or format characters', async () => {
    const ids: [string, string][] = [
      ['\ufeff', 'the employee id holds the invisible format character U+FEFF (byte-order mark) at position 1; remove it'],
      ['   ', 'the employee id is empty (or only spaces)'],
      ['E\u200b42', 'the employee id holds the invisible format character U+200B at position 2; remove it'],
      ['E42\n', 'the employee id holds the control character U+000A (line feed) at position 4; no control character is accepted here, tab and line breaks included'],
    ];
    for (const [employeeId, message] of ids) {
      const error = refusal(await sys.api('POST', '/api/hr/events?source=text-feed', { eventId: 'text-id', type: 'hire', employeeId, attributes: {} }));
      expect(error.details?.[0], JSON.stringify(employeeId)).toEqual({ path: 'body.employeeId', message });
      expect(await intake(employeeId)).toEqual([]);
    }
    for (const url of ['/api/people/%EF%BB%BF?source=text-feed', '/api/people/E%E2%80%8B42?source=text-feed', '/api/people/%20%20?source=text-feed']) {
      expect(new Set(paths(refusal(await sys.api('GET', url)))), url).toEqual(new Set(['params.employeeId']));
    }
    const onDemand = refusal(await sys.api('POST', '/api/runs', { definitionId: 'text-update', people: [{ employeeId: '\u200bE42', attributes: {} }] }));
    expect(paths(onDemand)).toEqual(['body.people[0].employeeId']);
    expect(await sys.db.query("SELECT id FROM runs WHERE employee_id LIKE '%E42'")).toEqual([]);
  });

  it('keeps an HR event\'s names in NFC, trimmed, with one space between words, and its id trimmed; the raw text is kept nowhere', async () => {
    const res = await sys.api('POST', '/api/hr/events?source=text-feed', {
      eventId: 'text-clean',
      type: 'hire',
      employeeId: '  T-CLEAN ',
      attributes: { givenName: '  Zoe\u0308 ', surname: 'van\u00a0 der   Berg', groups: [' Sales  North '] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(z.object({ employeeId: z.string() }).loose().parse(res.body).employeeId).toBe('T-CLEAN');
    const rows = await sys.db.query<{ event: unknown; raw: string }>("SELECT event, event::text AS raw FROM hr_outbox WHERE employee_id = 'T-CLEAN'");
    expect(rows.map((r) => r.event)).toEqual([{ eventId: 'text-clean', type: 'hire', employeeId: 'T-CLEAN', attributes: { givenName: 'Zo\u00eb', surname: 'van der Berg', groups: ['Sales North'] } }]);
    expect(rows[0]?.raw).not.toContain('\u0308');
  });
});

describe('nesting limits', () => {
  /** `depth` levels of `not` around one condition: 2,000 of them are about 16 KB of JSON. */
  const nested = (depth: number): TopLevelCondition => {
    let condition: Condition = { fact: 'department', operator: 'equal', value: 'Sales' };
    for (let i = 1; i < depth; i++) condition = { not: condition };
    return { not: condition };
  };
  const withScope = (id: string, scope: TopLevelCondition) => ({ ...sampleDefinition(id), trigger: { events: ['hire'], scope } });
  const deepDecision = (id: string, conditions: TopLevelCondition) => {
    const draft = sampleDefinition(id);
    return { ...draft, nodes: draft.nodes.map((n) => (n.type === 'decision' ? { ...n, data: { ...n.data, rules: [{ outcome: 'engineering', conditions }] } } : n)) };
  };
  const conditionLimit = `the conditions nest deeper than ${maxConditionDepth} levels of all/any/not, the limit; flatten the rule or split it into several rules`;

  it('answers 2,000 nested conditions in a 16 KB body with 400 stating the limit, on validate, save, update and simulate', async () => {
    expect((await sys.api('POST', '/api/definitions', sampleDefinition('deep-update'))).status).toBe(201);
    const scoped = withScope('deep-scope', nested(2000));
    expect(JSON.stringify(scoped).length).toBeGreaterThan(16_000);
    const answers = {
      validate: await sys.api('POST', '/api/definitions/validate', deepDecision('deep-validate', nested(2000))),
      save: await sys.api('POST', '/api/definitions', scoped),
      update: await sys.api('PUT', '/api/definitions/deep-update', withScope('deep-update', nested(2000))),
      simulate: await sys.api('POST', '/api/simulate', { definition: deepDecision('deep-sim', nested(2000)), person: { attributes: {} } }),
    };
    for (const [route, res] of Object.entries(answers)) {
      expect(res.status, `${route}: ${JSON.stringify(res.body)}`).toBe(400);
      const error = errorBody.parse(res.body).error;
      expect(error.message, route).toMatch(new RegExp(`nests deeper than ${maxJsonDepth} levels of objects and arrays, the limit`));
      expect(error.details?.[0]?.path, route).toMatch(/^body\.(trigger\.scope|nodes\[1\]\.data\.rules\[0\]\.conditions|definition\.nodes\[1\]\.data\.rules\[0\]\.conditions)(\.not)+$/);
    }
    expect(await sys.db.query("SELECT id FROM definitions WHERE id = 'deep-scope'")).toEqual([]);
    const [kept] = await sys.db.query<{ scope: unknown }>("SELECT draft->'trigger'->'scope' AS scope FROM definitions WHERE id = 'deep-update'");
    expect(kept?.scope).toBeNull();
  });

  it('refuses rules nested past their own limit, with the limit, before anything is saved or simulated', async () => {
    const tooDeep = nested(maxConditionDepth + 1);
    const save = await sys.api('POST', '/api/definitions', withScope('deep-rule', tooDeep));
    expect(save.status).toBe(400);
    expect(errorBody.parse(save.body).error.details).toContainEqual({ path: 'body.trigger.scope', message: conditionLimit });
    expect(await sys.db.query("SELECT id FROM definitions WHERE id = 'deep-rule'")).toEqual([]);

    const simulate = await sys.api('POST', '/api/simulate', { definition: deepDecision('deep-rule-sim', tooDeep), person: { attributes: {} } });
    expect(simulate.status).toBe(400);
    expect(errorBody.parse(simulate.body).error.details).toContainEqual(expect.objectContaining({ path: 'nodes[1].data.rules[0].conditions', message: conditionLimit }));

    // Validate answers every problem as its result, the limit among them.
    const validate = await sys.api('POST', '/api/definitions/validate', deepDecision('deep-rule-validate', tooDeep));
    expect(validate.body).toMatchObject({ valid: false, problems: [{ nodeId: 'route', path: 'nodes[1].data.rules[0].conditions', message: conditionLimit }] });
    expect((await sys.api('POST', '/api/definitions', withScope('deep-rule-ok', nested(maxConditionDepth)))).status).toBe(201);
  });
});
