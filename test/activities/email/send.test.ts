/**
 * email.send against a real SMTP server (smtp-server with STARTTLS and AUTH), each message read
 * back with mailparser: what arrives, how values are escaped, what is refused before anything is
 * sent, and how the server's refusals map to retryable or final failures.
 */
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../activities/connections.ts';
import { createEmailActivities } from '../../../activities/email/index.ts';
import { closeMailTransports, sendMail } from '../../../activities/email/mailer.ts';
import type { ActionImplementation } from '../../../activities/types.ts';
import { startSmtpPeer, type SmtpPeer } from '../../peers/smtp.ts';
import { testActivityDeps } from '../../support/deps.ts';
import { freePort } from '../../support/ports.ts';
import { emailConnection } from './connection.ts';

const credentials = { username: 'tenure', password: 'correct horse battery staple' };
let peer: SmtpPeer;
let implicitPeer: SmtpPeer;

beforeAll(async () => {
  [peer, implicitPeer] = await Promise.all([startSmtpPeer({ auth: credentials, tls: 'starttls' }), startSmtpPeer({ auth: credentials, tls: 'implicit' })]);
});
afterAll(async () => {
  await closeMailTransports();
  await Promise.all([peer.stop(), implicitPeer.stop()]);
});

function sender(connection: Connection): ActionImplementation {
  const send = createEmailActivities(testActivityDeps({ connections: { load: async () => Promise.resolve(connection) } }))['email.send'];
  if (!send) throw new Error('no implementation is registered for email.send');
  return send;
}

async function failure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error: unknown = await promise.then(
    () => new Error('expected a failure, but it succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof ApplicationFailure)) throw error;
  return error;
}

const welcome = {
  to: ['ada@example.com'],
  cc: ['grace@example.com'],
  subject: 'Welcome {{person.givenName}} {{person.surname}}',
  text: 'Hello {{person.givenName}}, your manager is {{manager.displayName}}. Team: {{vars.team}}.',
  html: '<p>Hello <b>{{person.givenName}}</b>, your manager is {{manager.displayName}}.</p>',
  data: { person: { givenName: 'Ada', surname: 'Lovelace' }, manager: { displayName: 'Grace Hopper' }, vars: { team: 'platform' } },
};

describe('email.send', () => {
  it("delivers the rendered message with the person's and the manager's values, over STARTTLS with AUTH", async () => {
    const connection = emailConnection(peer, { fromName: 'Tenure', replyTo: 'it@example.com' }, credentials);
    const before = peer.messages.length;
    const output = await sender(connection)({ runId: 'run-1', nodeId: 'welcome', connectionId: connection.id, input: welcome });

    const [mail] = (await peer.received(before + 1)).slice(before);
    expect(mail?.secure).toBe(true);
    expect(mail?.user).toBe('tenure');
    expect(mail?.rcptTo.sort()).toEqual(['ada@example.com', 'grace@example.com']);
    const parsed = mail?.parsed;
    expect(parsed?.from?.value).toEqual([{ address: 'tenure@example.com', name: 'Tenure' }]);
    expect(parsed?.replyTo?.value).toEqual([{ address: 'it@example.com', name: '' }]);
    expect([parsed?.to].flat().flatMap((a) => a?.value.map((v) => v.address))).toEqual(['ada@example.com']);
    expect([parsed?.cc].flat().flatMap((a) => a?.value.map((v) => v.address))).toEqual(['grace@example.com']);
    expect(parsed?.subject).toBe('Welcome Ada Lovelace');
    expect(parsed?.text?.trim()).toBe('Hello Ada, your manager is Grace Hopper. Team: platform.');
    expect(parsed?.html).toBe('<p>Hello <b>Ada</b>, your manager is Grace Hopper.</p>');
    expect(parsed?.headers.get('x-tenure-run')).toBe('run-1');
    expect(parsed?.messageId).toBe(Reflect.get(output ?? {}, 'messageId'));
    expect(output).toMatchObject({ accepted: ['ada@example.com', 'grace@example.com'], rejected: [] });
  });

  it('escapes HTML in values for the HTML body, and keeps the text body verbatim', async () => {
    const connection = emailConnection(peer, {}, credentials);
    const before = peer.messages.length;
    const name = 'Eve <script>alert("x")</script> & Co';
    await sender(connection)({ runId: 'run-2', nodeId: 'welcome', connectionId: connection.id, input: { ...welcome, data: { person: { givenName: name, surname: 'X' }, manager: { displayName: 'M' } } } });

    const [mail] = (await peer.received(before + 1)).slice(before);
    expect(mail?.parsed.html).toBe('<p>Hello <b>Eve &lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt; &amp; Co</b>, your manager is M.</p>');
    expect(mail?.parsed.html).not.toContain('<script>');
    expect(mail?.parsed.text?.trim()).toBe(`Hello ${name}, your manager is M. Team: .`);
    expect(mail?.parsed.subject).toBe(`Welcome ${name} X`);
  });

  it('sends the same Message-ID when the same step is retried, and another for another run', async () => {
    const connection = emailConnection(peer, {}, credentials);
    const send = sender(connection);
    const before = peer.messages.length;
    const first = await send({ runId: 'run-3', nodeId: 'notify', connectionId: connection.id, input: welcome });
    const retried = await send({ runId: 'run-3', nodeId: 'notify', connectionId: connection.id, input: welcome });
    const other = await send({ runId: 'run-4', nodeId: 'notify', connectionId: connection.id, input: welcome });

    const ids = (await peer.received(before + 3)).slice(before).map((m) => m.parsed.messageId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(ids[0]).toMatch(/^<[0-9a-f]{40}@example\.com>$/);
    expect(Reflect.get(first ?? {}, 'messageId')).toBe(Reflect.get(retried ?? {}, 'messageId'));
    expect(Reflect.get(other ?? {}, 'messageId')).toBe(ids[2]);
  });

  it('accepts the template data as JSON text, as a step parameter carries it', async () => {
    const connection = emailConnection(peer, {}, credentials);
    const before = peer.messages.length;
    await sender(connection)({ runId: 'run-5', nodeId: 'n', connectionId: connection.id, input: { to: 'ada@example.com', subject: 'Hi {{person.givenName}}', text: 'x', data: '{"person":{"givenName":"Ada"}}' } });
    const [mail] = (await peer.received(before + 1)).slice(before);
    expect(mail?.parsed.subject).toBe('Hi Ada');
  });

  it('refuses a header injection in a value, an address or a header, and sends nothing', async () => {
    const connection = emailConnection(peer, {}, credentials);
    const send = sender(connection);
    const before = peer.messages.length;

    const inSubject = await failure(send({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: { ...welcome, data: { person: { givenName: 'Ada\r\nBcc: victim@example.com' } } } }));
    expect(inSubject).toMatchObject({ type: 'HeaderInjection', nonRetryable: true });
    expect(inSubject.message).toContain('more than one line');

    const inAddress = await failure(send({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: { ...welcome, to: ['ada@example.com\r\nBcc: victim@example.com'] } }));
    expect(inAddress).toMatchObject({ type: 'InvalidInput', nonRetryable: true });

    const inTemplate = await failure(send({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: { ...welcome, subject: 'Hi\nBcc: victim@example.com' } }));
    expect(inTemplate).toMatchObject({ type: 'InvalidInput', nonRetryable: true });

    const direct = await failure(sendMail(connection, { to: ['ada@example.com'], subject: 'ok', text: 'x', headers: { 'X-Note': 'a\r\nBcc: victim@example.com' } }));
    expect(direct).toMatchObject({ type: 'HeaderInjection', nonRetryable: true });
    const directAddress = await failure(sendMail(connection, { to: ['ada@example.com>\r\nBcc: <victim@example.com'], subject: 'ok', text: 'x' }));
    expect(directAddress).toMatchObject({ type: 'HeaderInjection', nonRetryable: true });

    expect(peer.messages.length).toBe(before);
  });

  it('reports refused credentials as a final failure that does not echo the password', async () => {
    const connection = emailConnection(peer, {}, { username: 'tenure', password: 'wrong-password-123' });
    const error = await failure(sender(connection)({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: welcome }));
    expect(error).toMatchObject({ type: 'SmtpAuthFailed', nonRetryable: true });
    expect(error.message).toContain('535');
    expect(error.message).not.toContain('wrong-password-123');
  });

  it('fails for good on a rejected recipient (5xx) and retries a temporary refusal (4xx)', async () => {
    const connection = emailConnection(peer, {}, credentials);
    const send = sender(connection);
    const rejected = await failure(send({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: { ...welcome, to: ['reject@example.com'], cc: [] } }));
    expect(rejected).toMatchObject({ type: 'SmtpRejected', nonRetryable: true });
    expect(rejected.message).toContain('550');

    const busy = await failure(send({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: { ...welcome, to: ['busy@example.com'], cc: [] } }));
    expect(busy).toMatchObject({ type: 'SmtpTemporaryFailure', nonRetryable: false });
    expect(busy.message).toContain('451');
  });

  it('retries when the server cannot be reached, and fails for good on an untrusted certificate', async () => {
    const down = emailConnection(peer, { port: await freePort() }, credentials);
    const unreachable = await failure(sender(down)({ runId: 'r', nodeId: 'n', connectionId: down.id, input: welcome }));
    expect(unreachable).toMatchObject({ type: 'SmtpUnavailable', nonRetryable: false });

    const untrusted = emailConnection(peer, { tls: {} }, credentials);
    const tls = await failure(sender(untrusted)({ runId: 'r', nodeId: 'n', connectionId: untrusted.id, input: welcome }));
    expect(tls).toMatchObject({ type: 'SmtpTlsFailed', nonRetryable: true });
    expect(tls.message).toContain('tls.ca');
  });

  it('sends over implicit TLS (secure) too', async () => {
    const connection = emailConnection(implicitPeer, { secure: true }, credentials);
    await sender(connection)({ runId: 'run-6', nodeId: 'n', connectionId: connection.id, input: welcome });
    const [mail] = await implicitPeer.received(1);
    expect(mail?.secure).toBe(true);
    expect(mail?.parsed.subject).toBe('Welcome Ada Lovelace');
  });
});
