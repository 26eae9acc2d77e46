/**
 * email.send end to end: an email connection created and tested through the API, a published
 * definition that sends a welcome message, run on the real Temporal dev server; the message is
 * read back from a real SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closeMailTransports } from '../../../activities/email/mailer.ts';
import { startSmtpPeer, type SmtpPeer } from '../../peers/smtp.ts';
import { runView, startedRuns } from '../../support/api.ts';
import { definition, edge, node } from '../../support/definitions.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';

const credentials = { username: 'tenure', password: 'correct horse battery staple' };
let sys: TestSystem;
let peer: SmtpPeer;

beforeAll(async () => {
  [sys, peer] = await Promise.all([startTestSystem(), startSmtpPeer({ auth: credentials, tls: 'starttls' })]);
});
afterAll(async () => {
  await closeMailTransports();
  await Promise.all([sys.stop(), peer.stop()]);
});

const testReport = z.object({ ok: z.boolean(), steps: z.array(z.object({ step: z.string(), ok: z.boolean(), detail: z.string() })) });

describe('email.send in a lifecycle run', () => {
  it('sends the welcome message from a published definition through a connection made in the API', async () => {
    const created = await sys.api('POST', '/api/connections', {
      id: 'mail',
      kind: 'email',
      name: 'Company mail',
      config: { host: peer.host, port: peer.port, from: 'it@contoso.example', fromName: 'Contoso IT', tls: { ca: peer.ca } },
      secrets: credentials,
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain(credentials.password);

    const tested = await sys.api('POST', '/api/connections/mail/test');
    expect(tested.status).toBe(200);
    expect(testReport.parse(tested.body).steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'smtp:ok', 'auth:ok']);

    const def = definition(
      'welcome-mail',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({
          id: 'welcome',
          type: 'action',
          data: {
            action: 'email.send',
            connectionId: 'mail',
            params: {
              to: { expression: '[mail]' },
              subject: 'Welcome to {{vars.company}}',
              text: { expression: 'Join(" ", "Hello", [givenName])' },
              html: '<p>Welcome to <b>{{vars.company}}</b></p>',
              data: '{"vars":{"company":"Contoso"}}',
            },
          },
        }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'welcome'), edge('welcome', 'end')],
    );
    expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await sys.api('POST', '/api/definitions/welcome-mail/publish')).status).toBe(201);
    const started = await sys.api('POST', '/api/runs', { definitionId: 'welcome-mail', people: [{ employeeId: 'E1', attributes: { givenName: 'Ada', mail: 'ada@contoso.example' } }] });
    expect(started.status).toBe(202);
    const runId = startedRuns.parse(started.body).runs[0]?.id ?? '';

    const done = await eventually(async () => {
      const v = runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body);
      return v.workflowStatus === 'COMPLETED' ? v : undefined;
    }, 'the run to complete');
    expect(done.nodes.welcome?.status).toBe('done');
    const output = z.object({ messageId: z.string(), accepted: z.array(z.string()) }).parse(done.trace.find((t) => t.nodeId === 'welcome')?.output);
    expect(output.accepted).toEqual(['ada@contoso.example']);

    const [mail] = await peer.received(1);
    expect(mail?.parsed.messageId).toBe(output.messageId);
    expect(mail?.parsed.from?.value).toEqual([{ address: 'it@contoso.example', name: 'Contoso IT' }]);
    expect(mail?.rcptTo).toEqual(['ada@contoso.example']);
    expect(mail?.parsed.subject).toBe('Welcome to Contoso');
    expect(mail?.parsed.text?.trim()).toBe('Hello Ada');
    expect(mail?.parsed.html).toBe('<p>Welcome to <b>Contoso</b></p>');
    expect(mail?.parsed.headers.get('x-tenure-run')).toBe(runId);
  });
});
