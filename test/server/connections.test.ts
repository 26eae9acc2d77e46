/**
 * The connections API against a real SMTP server: each connector's declaration served as JSON
 * Schema, secrets that no answer ever carries, edits that keep a stored secret, and the staged test
 * report with each stage's duration, kept as the connection's last test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectorDeclarations } from '../../activities/connectors.ts';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const password = 'pw-never-echoed-7f3a9c';
const username = 'mailer-user';

let sys: TestSystem;
let smtp: SmtpPeer;
beforeAll(async () => {
  [sys, smtp] = await Promise.all([startTestSystem(), startSmtpPeer({ auth: { username, password }, tls: 'starttls' })]);
}, 240_000);
afterAll(async () => {
  await Promise.all([sys.stop(), smtp.stop()]);
});

const jsonSchema = z.object({ properties: z.record(z.string(), z.unknown()).optional(), required: z.array(z.string()).optional() }).loose();
const connectorList = z.object({ connectors: z.array(z.object({ kind: z.string(), label: z.string(), config: jsonSchema, secrets: jsonSchema })) });
const lastTest = z.object({ ok: z.boolean(), at: z.string(), failedStep: z.string().nullable() }).nullable();
const connectionView = z.object({ id: z.string(), config: z.record(z.string(), z.unknown()), secretFields: z.array(z.string()), version: z.number(), lastTest }).loose();
const report = z.object({ ok: z.boolean(), steps: z.array(z.object({ step: z.string(), ok: z.boolean(), detail: z.string(), ms: z.number() })) });

const mailConfig = () => ({ host: smtp.host, port: smtp.port, from: 'tenure@example.test', tls: { ca: smtp.ca } });

describe('connections API', () => {
  it('serves every connector kind with its settings and secrets as JSON Schema', async () => {
    const res = await sys.api('GET', '/api/connectors');
    expect(res.status).toBe(200);
    const { connectors } = connectorList.parse(res.body);
    expect(connectors.map((c) => c.kind).sort()).toEqual(connectorDeclarations.map((c) => c.kind).sort());
    const email = connectors.find((c) => c.kind === 'email');
    expect(email?.label).toBe('Email (SMTP)');
    expect(email?.config.required).toEqual(['host', 'from']);
    expect(Object.keys(email?.config.properties ?? {})).toContain('startTls');
    expect(Object.keys(email?.secrets.properties ?? {}).sort()).toEqual(['password', 'username']);
  });

  it('never answers with a secret: create, read, list and update show only which secret fields are set', async () => {
    const created = await sys.api('POST', '/api/connections', { id: 'mail-secret', kind: 'email', name: 'Mail', config: mailConfig(), secrets: { username, password } });
    expect(created.status).toBe(201);
    const answers = [
      created,
      await sys.api('GET', '/api/connections/mail-secret'),
      await sys.api('GET', '/api/connections'),
      await sys.api('PUT', '/api/connections/mail-secret', { id: 'mail-secret', kind: 'email', name: 'Mail renamed', config: mailConfig() }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(300);
      expect(JSON.stringify(answer.body)).not.toContain(password);
      expect(JSON.stringify(answer.body)).not.toContain(username);
    }
    const view = connectionView.parse(answers[1]?.body);
    expect(view.secretFields).toEqual(['password', 'username']);
    expect(view).not.toHaveProperty('secrets');
    // A refused secret is named, not echoed.
    const refused = await sys.api('PUT', '/api/connections/mail-secret', { id: 'mail-secret', kind: 'email', name: 'Mail', config: mailConfig(), secrets: { password: 42, username: `${password}-x`.repeat(60) } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).not.toContain(password);
  });

  it('tests stage by stage with durations, keeps the result, and an edit of a setting keeps the stored secret', async () => {
    expect((await sys.api('POST', '/api/connections', { id: 'mail-edit', kind: 'email', name: 'Mail', config: mailConfig(), secrets: { username, password } })).status).toBe(201);
    expect(connectionView.parse((await sys.api('GET', '/api/connections/mail-edit')).body).lastTest).toBeNull();

    const first = report.parse((await sys.api('POST', '/api/connections/mail-edit/test')).body);
    expect(first.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'smtp:ok', 'auth:ok']);
    for (const step of first.steps) expect(step.ms).toBeGreaterThanOrEqual(0);
    const tested = connectionView.parse((await sys.api('GET', '/api/connections/mail-edit')).body);
    expect(tested.lastTest).toMatchObject({ ok: true, failedStep: null });

    // New settings without secrets: the test result is cleared (it was about the old settings)
    // and the stored password still authenticates.
    const edited = await sys.api('PUT', '/api/connections/mail-edit', { id: 'mail-edit', kind: 'email', name: 'Mail', config: { ...mailConfig(), fromName: 'Tenure HR' } });
    expect(edited.status).toBe(200);
    const afterEdit = connectionView.parse(edited.body);
    expect(afterEdit.config.fromName).toBe('Tenure HR');
    expect(afterEdit.secretFields).toEqual(['password', 'username']);
    expect(afterEdit.lastTest).toBeNull();
    const again = report.parse((await sys.api('POST', '/api/connections/mail-edit/test')).body);
    expect(again.ok).toBe(true);
    expect(again.steps.at(-1)).toMatchObject({ step: 'auth', ok: true });

    // A replaced password that the server refuses: the test stops at auth and that is what is kept.
    expect((await sys.api('PUT', '/api/connections/mail-edit', { id: 'mail-edit', kind: 'email', name: 'Mail', config: { ...mailConfig(), fromName: 'Tenure HR' }, secrets: { password: 'not-the-password' } })).status).toBe(200);
    const refused = report.parse((await sys.api('POST', '/api/connections/mail-edit/test')).body);
    expect(refused.ok).toBe(false);
    expect(refused.steps.at(-1)).toMatchObject({ step: 'auth', ok: false });
    const kept = connectionView.parse((await sys.api('GET', '/api/connections/mail-edit')).body);
    expect(kept.lastTest).toMatchObject({ ok: false, failedStep: 'auth' });
    expect(JSON.stringify(kept)).not.toContain('not-the-password');
  });
});
