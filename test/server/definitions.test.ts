/** The definitions API: drafts, validation, publishing, revisions, and how bad input is answered. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody } from '../support/api.ts';
import { definition, edge, node, sampleDefinition } from '../support/definitions.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys.stop();
});

const stored = z.object({ id: z.string(), version: z.number(), latestRevision: z.number().nullable(), problems: z.array(z.object({ message: z.string() }).loose()) });
const revisionAnswer = z.object({ created: z.boolean(), revision: z.object({ number: z.number(), hash: z.string() }) });

describe('definitions API', () => {
  it('refuses anonymous and wrong-token callers on every /api route', async () => {
    for (const [method, url] of [['GET', '/api/actions'], ['GET', '/api/definitions'], ['POST', '/api/runs'], ['POST', '/api/approvals/x:y/decision']] as const) {
      const anonymous = await sys.app.inject({ method, url });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      expect(errorBody.parse(anonymous.json()).error.code).toBe('unauthorized');
      const wrong = await sys.app.inject({ method, url, headers: { authorization: 'Bearer not-the-token' } });
      expect(wrong.statusCode).toBe(401);
    }
  });

  it('lists the action catalog with JSON Schemas', async () => {
    const res = await sys.api('GET', '/api/actions');
    expect(res.status).toBe(200);
    const { actions } = z.object({ actions: z.array(z.object({ id: z.string(), input: z.object({ type: z.string(), properties: z.record(z.string(), z.unknown()) }).loose() }).loose()) }).parse(res.body);
    const log = actions.find((a) => a.id === 'core.log');
    expect(log?.input.type).toBe('object');
    expect(Object.keys(log?.input.properties ?? {})).toEqual(['message', 'level']);
  });

  it('creates, reads, updates with version checks, and lists drafts', async () => {
    const draft = sampleDefinition('crud');
    const created = await sys.api('POST', '/api/definitions', draft);
    expect(created.status).toBe(201);
    expect(stored.parse(created.body)).toMatchObject({ id: 'crud', version: 1, latestRevision: null, problems: [] });
    expect(created.headers.etag).toBe('"1"');

    const updated = await sys.api('PUT', '/api/definitions/crud', { ...draft, name: 'Renamed' }, { 'if-match': '"1"' });
    expect(updated.status).toBe(200);
    expect(stored.parse(updated.body).version).toBe(2);

    const stale = await sys.api('PUT', '/api/definitions/crud', { ...draft, name: 'Lost update' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);

    const read = await sys.api('GET', '/api/definitions/crud');
    expect(read.body).toMatchObject({ definition: { name: 'Renamed' }, version: 2 });

    const list = z.object({ definitions: z.array(z.object({ id: z.string() }).loose()) }).parse((await sys.api('GET', '/api/definitions')).body);
    expect(list.definitions.find((d) => d.id === 'crud')).toMatchObject({ name: 'Renamed', version: 2, latestRevision: null });

    expect((await sys.api('POST', '/api/definitions', draft)).status).toBe(409);
  });

  it('saves an incomplete draft but reports its problems', async () => {
    const draft = definition('wip', [node({ id: 'start', type: 'start', data: {} })], []);
    const created = await sys.api('POST', '/api/definitions', draft);
    expect(created.status).toBe(201);
    expect(stored.parse(created.body).problems.map((p) => p.message)).toEqual(['Add an end node: every path must finish somewhere.', 'Connect the "next" output of the start node "start".']);
  });

  it('refuses to publish an invalid definition, with the validator’s problems', async () => {
    const draft = definition('invalid', [node({ id: 'start', type: 'start', data: {} }), node({ id: 'end', type: 'end', data: {} })], []);
    await sys.api('POST', '/api/definitions', draft);
    const res = await sys.api('POST', '/api/definitions/invalid/publish');
    expect(res.status).toBe(400);
    const { error } = errorBody.parse(res.body);
    expect(error.code).toBe('invalid_definition');
    expect(error.details).toEqual([{ nodeId: 'start', path: 'nodes[0]', message: 'Connect the "next" output of the start node "start".' }, { nodeId: 'end', path: 'nodes[1]', message: 'the end node "end" can never be reached from the start node.' }]);
    const revisions = await sys.api('GET', '/api/definitions/invalid/revisions');
    expect(revisions.body).toEqual({ revisions: [] });
  });

  it('refuses to publish a step whose connection does not exist or is of another kind, and publishes once it is right', async () => {
    const callout = (id: string, connectionId: string) => node({ id, type: 'action', data: { action: 'http.callout', connectionId, params: { payload: '{}' } } });
    const draft = definition('wired', [node({ id: 'start', type: 'start', data: {} }), callout('notify', 'hook'), callout('again', 'mailer'), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'notify'), edge('notify', 'again'), edge('again', 'end')]);
    expect((await sys.api('POST', '/api/definitions', draft)).status).toBe(201);
    const mail = { host: '127.0.0.1', port: 2525, from: 'tenure@example.test' };
    expect((await sys.api('POST', '/api/connections', { id: 'mailer', kind: 'email', name: 'Mail', config: mail, secrets: {} })).status).toBe(201);

    const expected = [
      { nodeId: 'notify', path: 'nodes[1].data.connectionId', message: 'There is no connection "hook": create it (Connections) or choose another.' },
      { nodeId: 'again', path: 'nodes[2].data.connectionId', message: 'Connection "mailer" is of kind email; this step needs one of kind http.' },
    ];
    const refused = await sys.api('POST', '/api/definitions/wired/publish');
    expect(refused.status).toBe(400);
    expect(errorBody.parse(refused.body).error.details).toEqual(expected);
    expect((await sys.api('GET', '/api/definitions/wired/revisions')).body).toEqual({ revisions: [] });
    // Validation says the same, step by step, and so does the stored draft.
    expect(await sys.api('POST', '/api/definitions/validate', draft)).toMatchObject({ status: 200, body: { valid: false, problems: expected } });
    expect(stored.parse((await sys.api('GET', '/api/definitions/wired')).body).problems).toEqual(expected);

    const hook = { id: 'hook', kind: 'http', name: 'Hook', config: { url: 'https://hooks.example.test/tenure', timeoutSeconds: 5 }, secrets: { signingSecret: 'a-signing-secret-of-some-length' } };
    expect((await sys.api('POST', '/api/connections', hook)).status).toBe(201);
    expect((await sys.api('PUT', '/api/definitions/wired', { ...draft, nodes: draft.nodes.map((n) => (n.id === 'again' ? callout('again', 'hook') : n)) })).status).toBe(200);
    expect(await sys.api('POST', '/api/definitions/validate', { ...draft, nodes: draft.nodes.map((n) => (n.id === 'again' ? callout('again', 'hook') : n)) })).toMatchObject({
      status: 200,
      body: { valid: true, problems: [] },
    });
    expect((await sys.api('POST', '/api/definitions/wired/publish')).status).toBe(201);
  });

  it('validates a missing connection exactly as publish refuses it, even beside graph problems', async () => {
    const mail = node({ id: 'mail', type: 'action', data: { action: 'email.send', connectionId: 'nowhere', params: { to: 'a@example.test', subject: 'Hi', text: 'Hello' } } });
    // The end is unreachable: a graph problem and a connection problem in one answer.
    const draft = definition('two-lists', [node({ id: 'start', type: 'start', data: {} }), mail, node({ id: 'end', type: 'end', data: {} })], [edge('start', 'mail')]);
    expect((await sys.api('POST', '/api/definitions', draft)).status).toBe(201);
    const validated = z.object({ valid: z.boolean(), problems: z.array(z.unknown()) }).parse((await sys.api('POST', '/api/definitions/validate', draft)).body);
    const refused = await sys.api('POST', '/api/definitions/two-lists/publish');
    expect(refused.status).toBe(400);
    expect(validated.valid).toBe(false);
    expect(errorBody.parse(refused.body).error.details).toEqual(validated.problems);
    expect(validated.problems).toContainEqual({ nodeId: 'mail', path: 'nodes[1].data.connectionId', message: 'There is no connection "nowhere": create it (Connections) or choose another.' });
    expect(validated.problems).toContainEqual({ nodeId: 'end', path: 'nodes[2]', message: 'the end node "end" can never be reached from the start node.' });
  });

  it('refuses a connection whose stored settings its connector no longer accepts, in validation and at publish', async () => {
    const hook = { id: 'stale-hook', kind: 'http', name: 'Stale hook', config: { url: 'https://hooks.example.test/stale', timeoutSeconds: 5 }, secrets: { signingSecret: 'a-signing-secret-of-some-length' } };
    expect((await sys.api('POST', '/api/connections', hook)).status).toBe(201);
    // Settings written by an older Tenure, which this connector declaration refuses.
    await sys.db.query('UPDATE connections SET config = $2 WHERE id = $1', ['stale-hook', JSON.stringify({ url: 'not a url', timeoutSeconds: 5 })]);
    const callout = node({ id: 'notify', type: 'action', data: { action: 'http.callout', connectionId: 'stale-hook', params: { payload: '{}' } } });
    const draft = definition('stale', [node({ id: 'start', type: 'start', data: {} }), callout, node({ id: 'end', type: 'end', data: {} })], [edge('start', 'notify'), edge('notify', 'end')]);
    expect((await sys.api('POST', '/api/definitions', draft)).status).toBe(201);
    const validated = z.object({ valid: z.literal(false), problems: z.array(z.object({ nodeId: z.string(), path: z.string(), message: z.string() })) }).parse((await sys.api('POST', '/api/definitions/validate', draft)).body);
    expect(validated.problems).toHaveLength(1);
    expect(validated.problems[0]).toMatchObject({ nodeId: 'notify', path: 'nodes[1].data.connectionId' });
    expect(validated.problems[0]?.message).toMatch(/^Connection "stale-hook" cannot be used: its settings no longer match the http connector \(url: .+\); edit the connection\.$/);
    const refused = await sys.api('POST', '/api/definitions/stale/publish');
    expect(refused.status).toBe(400);
    expect(errorBody.parse(refused.body).error.details).toEqual(validated.problems);
  });

  it('publishes immutable, numbered revisions and does not duplicate unchanged content', async () => {
    const draft = sampleDefinition('published');
    await sys.api('POST', '/api/definitions', draft);
    const first = revisionAnswer.parse((await sys.api('POST', '/api/definitions/published/publish')).body);
    expect(first).toMatchObject({ created: true, revision: { number: 1 } });

    const moved = { ...draft, nodes: draft.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 80 } })) };
    await sys.api('PUT', '/api/definitions/published', moved);
    const again = await sys.api('POST', '/api/definitions/published/publish');
    expect(again.status).toBe(200);
    expect(revisionAnswer.parse(again.body)).toMatchObject({ created: false, revision: { number: 1, hash: first.revision.hash } });

    await sys.api('PUT', '/api/definitions/published', sampleDefinition('published', 9));
    const second = await sys.api('POST', '/api/definitions/published/publish');
    expect(second.status).toBe(201);
    expect(revisionAnswer.parse(second.body).revision.number).toBe(2);
    const list = z.object({ revisions: z.array(z.object({ number: z.number() })) }).parse((await sys.api('GET', '/api/definitions/published/revisions')).body);
    expect(list.revisions.map((r) => r.number)).toEqual([2, 1]);
    const first1 = await sys.api('GET', '/api/definitions/published/revisions/1');
    expect(first1.status).toBe(200);
    expect(first1.body).toMatchObject({ number: 1, hash: first.revision.hash, definition: { id: 'published' }, compiled: { start: 'start' } });
    expect((await sys.api('GET', '/api/definitions/published/revisions/9')).status).toBe(404);
    expect((await sys.api('GET', '/api/definitions/published/revisions/zero')).status).toBe(400);
  });

  it('validates without saving', async () => {
    const ok = await sys.api('POST', '/api/definitions/validate', sampleDefinition('nothing-saved'));
    expect(ok).toMatchObject({ status: 200, body: { valid: true, problems: [] } });
    const bad = await sys.api('POST', '/api/definitions/validate', { id: 'x', name: 'x', lifecycle: 'joiner', nodes: [], edges: [{ id: 'e', source: 'a', target: 'b' }] });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ valid: false });
    expect((await sys.api('GET', '/api/definitions/nothing-saved')).status).toBe(404);
  });

  it('answers bad input with 4xx and field-level details, never 500', async () => {
    const malformed = await sys.api('POST', '/api/definitions', '{"id": "broken",');
    expect(malformed.status).toBe(400);
    expect(errorBody.parse(malformed.body).error).toMatchObject({ code: 'invalid_json', details: [{ path: 'body' }] });

    const unknownField = await sys.api('POST', '/api/definitions', { ...sampleDefinition('extra'), colour: 'blue' });
    expect(unknownField.status).toBe(400);
    expect(errorBody.parse(unknownField.body).error.details?.[0]?.message).toContain('colour');

    const wrongType = await sys.api('POST', '/api/definitions', { ...sampleDefinition('typed'), nodes: 'many' });
    expect(wrongType.status).toBe(400);
    expect(errorBody.parse(wrongType.body).error.details).toEqual([expect.objectContaining({ path: 'body.nodes' })]);

    const badId = await sys.api('GET', '/api/definitions/has%20space');
    expect(badId.status).toBe(400);
    expect(errorBody.parse(badId.body).error.details?.[0]?.path).toBe('params.id');

    expect((await sys.api('GET', '/api/definitions/missing')).status).toBe(404);
    expect((await sys.api('POST', '/api/definitions/missing/publish')).status).toBe(404);
    expect((await sys.api('GET', '/api/nowhere')).status).toBe(404);

    const mismatch = await sys.api('PUT', '/api/definitions/crud-other', sampleDefinition('not-the-same'));
    expect(mismatch.status).toBe(400);
    expect(errorBody.parse(mismatch.body).error.details?.[0]?.path).toBe('id');

    const runBad = await sys.api('POST', '/api/runs', { definitionId: 'missing', people: [] });
    expect(runBad.status).toBe(400);
    expect(errorBody.parse(runBad.body).error.details?.[0]?.path).toBe('body.people');

    const runUnknown = await sys.api('POST', '/api/runs', { definitionId: 'missing', people: [{ employeeId: 'E1' }] });
    expect(runUnknown.status).toBe(404);

    const decisionBad = await sys.api('POST', '/api/approvals/abc:def/decision', { decision: 'maybe' });
    expect(decisionBad.status).toBe(400);
    expect(errorBody.parse(decisionBad.body).error.details?.[0]?.path).toBe('body.decision');
  });

  it('records admin actions in the append-only audit log', async () => {
    await sys.api('POST', '/api/definitions', sampleDefinition('audited'));
    await sys.api('POST', '/api/definitions/audited/publish');
    const rows = await sys.db.query<{ actor: string; action: string }>("SELECT actor, action FROM audit_log WHERE target_id = 'audited' ORDER BY id");
    expect(rows).toEqual([
      { actor: 'admin', action: 'definition.create' },
      { actor: 'admin', action: 'definition.publish' },
    ]);
    await expect(sys.db.query('DELETE FROM audit_log')).rejects.toThrow('the audit log is append-only');
    await expect(sys.db.query("UPDATE audit_log SET actor = 'someone'")).rejects.toThrow('the audit log is append-only');
  });

  it('reports health of the server, the database and Temporal', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { server: { ok: true }, database: { ok: true }, temporal: { ok: true } } });
  });
});
