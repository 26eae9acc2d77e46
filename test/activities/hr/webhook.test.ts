/**
 * hr.writeBack in webhook mode against a real HTTP endpoint on loopback that checks signatures the
 * way an HR system would: what is sent (the document, a v1 signature the endpoint verifies on its
 * own, the bearer token, an Idempotency-Key of run and step that a retried activity repeats with
 * the same document), and how answers map to retryable or final failures whose messages never hold
 * a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hrWriteBack } from '../../../workflows/dsl/catalog/hr.ts';
import { startHrWebhook, type HrWebhook, type HrWebhookRequest } from '../../peers/hrWebhook.ts';
import { hostileNames, longValue } from '../../support/hostileValues.ts';
import { freePort } from '../../support/ports.ts';
import { bearerToken, failureOf, hrWebhookConnection, signingSecret, writeBack } from './fixture.ts';

let hr: HrWebhook;
beforeAll(async () => {
  hr = await startHrWebhook(signingSecret, bearerToken);
});
afterAll(async () => {
  await hr.stop();
});

const secrets = { signingSecret, bearerToken };

/** The requests the endpoint received while `act` ran. */
async function during(act: () => Promise<unknown>, expected: number): Promise<HrWebhookRequest[]> {
  const before = hr.requests.length;
  await act().catch(() => undefined);
  return (await hr.received(before + expected)).slice(before);
}

describe('hr.writeBack over a webhook', () => {
  it('POSTs the employee id, attributes, run and step as JSON the HR system verifies by signature and token', async () => {
    const run = writeBack(hrWebhookConnection(hr.url, { headers: { 'X-Tenant': 'contoso' } }, secrets));
    let output: unknown;
    const [request] = await during(async () => {
      output = await run(
        { employeeId: 'E1001', email: 'ada.lovelace@example.com', userPrincipalName: 'ada.lovelace@corp.example.com', phone: '+44 20 7946 0001', attributes: { costCenter: 'CC-42' } },
        { runId: 'run-42', nodeId: 'write-back' },
      );
    }, 1);

    expect(output).toEqual({ mode: 'webhook', changed: ['email', 'userPrincipalName', 'phone', 'costCenter'], status: 200 });
    expect(request?.method).toBe('POST');
    expect(request?.signatureValid).toBe(true);
    expect(request?.tokenValid).toBe(true);
    expect(request?.headers['x-tenure-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(request?.headers['idempotency-key']).toBe('run-42:write-back');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-tenant']).toBe('contoso');
    expect(request?.json).toEqual({
      employeeId: 'E1001',
      attributes: { email: 'ada.lovelace@example.com', userPrincipalName: 'ada.lovelace@corp.example.com', phone: '+44 20 7946 0001', costCenter: 'CC-42' },
      runId: 'run-42',
      nodeId: 'write-back',
    });
  });

  it('sends only the attributes the step gives', async () => {
    const run = writeBack(hrWebhookConnection(hr.url, {}, secrets));
    let output: unknown;
    const [request] = await during(async () => {
      output = await run({ employeeId: 'E1002', email: 'grace@example.com' });
    }, 1);
    expect(output).toEqual({ mode: 'webhook', changed: ['email'], status: 200 });
    expect(request?.json).toEqual({ employeeId: 'E1002', attributes: { email: 'grace@example.com' }, runId: 'run-1', nodeId: 'write-back' });
  });

  it('sends the same Idempotency-Key and the same document when the same step runs twice', async () => {
    const run = writeBack(hrWebhookConnection(hr.url, {}, secrets));
    const input = { employeeId: 'E1003', email: 'alan@example.com', phone: '+1 555 0100', attributes: { site: 'Leeds', badge: '7' } };
    const requests = await during(async () => {
      await run(input, { runId: 'run-7', nodeId: 'hr' });
      await run({ ...input, attributes: { badge: '7', site: 'Leeds' } }, { runId: 'run-7', nodeId: 'hr' });
    }, 2);

    expect(requests).toHaveLength(2);
    const [first, second] = requests;
    expect(first?.headers['idempotency-key']).toBe('run-7:hr');
    expect(second?.headers['idempotency-key']).toBe('run-7:hr');
    expect(second?.raw).toBe(first?.raw);
    expect(requests.every((r) => r.signatureValid)).toBe(true);
  });

  it('fails retryably on a 500 and succeeds when the HR system recovers, with the same key', async () => {
    const run = writeBack(hrWebhookConnection(hr.url, {}, secrets));
    hr.answer({ status: 500, body: { message: 'database is restarting' } });
    const before = hr.requests.length;
    const failure = await failureOf(run({ employeeId: 'E1004', email: 'x@example.com' }, { runId: 'run-8', nodeId: 'hr' }));
    expect(failure).toMatchObject({ type: 'HrUnavailable', nonRetryable: false });
    expect(failure.message).toContain('HTTP 500: database is restarting');
    expect(await run({ employeeId: 'E1004', email: 'x@example.com' }, { runId: 'run-8', nodeId: 'hr' })).toMatchObject({ status: 200 });
    const [a, b] = (await hr.received(before + 2)).slice(before);
    expect(a?.headers['idempotency-key']).toBe(b?.headers['idempotency-key']);
    expect(a?.raw).toBe(b?.raw);
  });

  it('retries 429 and 503 after the Retry-After the HR system asks for, and 408', async () => {
    const run = writeBack(hrWebhookConnection(hr.url, {}, secrets));
    hr.answer({ status: 429, headers: { 'retry-after': '7' } }, { status: 503, headers: { 'retry-after': '30' } }, { status: 408 });
    expect(await failureOf(run({ employeeId: 'E1005', phone: '1' }))).toMatchObject({ type: 'HrThrottled', nonRetryable: false, nextRetryDelay: 7000 });
    expect(await failureOf(run({ employeeId: 'E1005', phone: '1' }))).toMatchObject({ type: 'HrUnavailable', nonRetryable: false, nextRetryDelay: 30_000 });
    expect(await failureOf(run({ employeeId: 'E1005', phone: '1' }))).toMatchObject({ type: 'HrUnavailable', nonRetryable: false });
  });

  it('fails without retrying on a 400, quoting the HR system’s message shortened', async () => {
    const run = writeBack(hrWebhookConnection(hr.url, {}, secrets));
    hr.answer({ status: 400, body: { message: `unknown employee E9999; ${'x'.repeat(1000)}` } });
    const failure = await failureOf(run({ employeeId: 'E9999', email: 'nobody@example.com' }));
    expect(failure).toMatchObject({ type: 'HrRejected', nonRetryable: true });
    expect(failure.message).toContain('HTTP 400: unknown employee E9999');
    expect(failure.message.length).toBeLessThan(700);
  });

  it('never puts a secret in a failure, even when the HR system echoes it', async () => {
    const run = writeBack(hrWebhookConnection(hr.url, {}, secrets));
    hr.answer({ status: 401, body: { message: `token ${bearerToken} refused; expected key ${signingSecret}` } }, { status: 500, body: `internal: ${signingSecret}` });
    const refused = await failureOf(run({ employeeId: 'E1006', email: 'a@example.com' }));
    expect(refused).toMatchObject({ type: 'HrRejected', nonRetryable: true });
    expect(refused.message).toContain('[redacted]');
    const broken = await failureOf(run({ employeeId: 'E1006', email: 'a@example.com' }));
    for (const text of [refused.message, broken.message, JSON.stringify(refused), JSON.stringify(broken)]) {
      expect(text).not.toContain(signingSecret);
      expect(text).not.toContain(bearerToken);
    }
  });

  it('does not follow a redirect with the signed document', async () => {
    const run = writeBack(hrWebhookConnection(hr.url, {}, secrets));
    const before = hr.requests.length;
    hr.answer({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
    const failure = await failureOf(run({ employeeId: 'E1007', email: 'b@example.com' }));
    expect(failure).toMatchObject({ type: 'HrRedirect', nonRetryable: true });
    expect(failure.message).toContain('http://127.0.0.1:1/elsewhere');
    expect(hr.requests.length).toBe(before + 1);
  });

  it('retries when the HR system is unreachable or too slow', async () => {
    const closed = await freePort();
    const unreachable = await failureOf(writeBack(hrWebhookConnection(`http://127.0.0.1:${closed}/hook`, {}, secrets))({ employeeId: 'E1008', email: 'c@example.com' }));
    expect(unreachable).toMatchObject({ type: 'HrUnavailable', nonRetryable: false });
    expect(unreachable.message).toContain('could not be reached');

    hr.answer({ status: 200, delayMs: 2500 });
    const slow = await failureOf(writeBack(hrWebhookConnection(hr.url, { timeoutSeconds: 1 }, secrets))({ employeeId: 'E1008', email: 'c@example.com' }));
    expect(slow).toMatchObject({ type: 'HrUnavailable', nonRetryable: false });
    expect(slow.message).toContain('no answer within 1 s');
  });

  it('delivers hostile values exactly as given', async () => {
    const run = writeBack(hrWebhookConnection(hr.url, {}, secrets));
    const values = {
      employeeId: `E"1009\\ ${hostileNames.accents}`,
      email: `"o'brien"+tag@exämple.com`,
      userPrincipalName: `${hostileNames.dnSpecials}@corp.example.com`,
      phone: '+33 (0)1 23 45 67 89 ext. "7"\u2028',
      attributes: { displayName: hostileNames.comma, note: longValue, emoji: 'Zoë 👩🏽‍💻 日本語' },
    };
    const [request] = await during(async () => run(values), 1);
    expect(request?.signatureValid).toBe(true);
    expect(request?.json).toEqual({ employeeId: values.employeeId, attributes: { email: values.email, userPrincipalName: values.userPrincipalName, phone: values.phone, ...values.attributes }, runId: 'run-1', nodeId: 'write-back' });
  });

  it('refuses a connection without a signing secret, naming what to set and no secret', async () => {
    const run = writeBack(hrWebhookConnection(hr.url, {}, { bearerToken }));
    const failure = await failureOf(run({ employeeId: 'E1010', email: 'd@example.com' }));
    expect(failure).toMatchObject({ type: 'HrConnectionInvalid', nonRetryable: true });
    expect(failure.message).toContain('signingSecret');
    expect(failure.message).not.toContain(bearerToken);
  });

  it('refuses input that repeats a named parameter in attributes, or names no employee', async () => {
    expect(hrWriteBack.input.safeParse({ employeeId: 'E1', attributes: { email: 'x@example.com' } }).success).toBe(false);
    expect(hrWriteBack.input.safeParse({ email: 'x@example.com' }).success).toBe(false);
    expect(hrWriteBack.input.safeParse({ employeeId: 'E1', attributes: '{"site":"Leeds"}' }).success).toBe(true);
    const failure = await failureOf(writeBack(hrWebhookConnection(hr.url, {}, secrets))({ employeeId: 'E1', attributes: { phone: '1' } }));
    expect(failure).toMatchObject({ type: 'InvalidInput', nonRetryable: true });
  });
});
