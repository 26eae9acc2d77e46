/**
 * The Connections page in real Chromium against the real server and a real SMTP server (STARTTLS
 * with AUTH): an admin creates an email connection from the form its connector's declaration draws,
 * tests it and sees every stage, edits a setting without touching the password and the test still
 * signs in; the password never reaches the page or any answer the designer receives. A definition
 * lists the connections it names and whether each is ready.
 */
import type { Locator, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp.ts';
import { definition, edge, node } from '../support/definitions.ts';
import { screenshotOnFailure, signIn, startBrowserSystem, type BrowserSystem } from '../support/browser.ts';

const username = 'tenure-mailer';
const password = 'smtp-pass-5b1e0c77d2';

let b: BrowserSystem;
let smtp: SmtpPeer;
/** Every body the designer received from /api/connections…, to prove none carries the password. */
const answers: string[] = [];
const reading: Promise<unknown>[] = [];

beforeAll(async () => {
  [b, smtp] = await Promise.all([startBrowserSystem(), startSmtpPeer({ auth: { username, password }, tls: 'starttls' })]);
  b.page.setDefaultTimeout(15_000);
  b.page.on('response', (response: Response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/connection')) return;
    reading.push(response.text().then((text) => answers.push(text)));
  });
  await signIn(b);
}, 240_000);
afterAll(async () => {
  await Promise.all([b.stop(), smtp.stop()]);
});
afterEach(async ({ task }) => {
  await screenshotOnFailure(b, task);
});

const stored = z.object({ config: z.record(z.string(), z.unknown()), secretFields: z.array(z.string()), lastTest: z.object({ ok: z.boolean() }).nullable() }).loose();

/** A form field by its label, which carries " *" when the field is required. */
const field = (within: Locator | Page, label: string) => within.getByLabel(new RegExp(`^${label}( \\*)?$`));

async function stagesShown(name: string) {
  const report = b.page.getByRole('region', { name: `Test of ${name}` });
  await report.waitFor();
  return report.locator('li.stage').evaluateAll((items) =>
    items.map((li) => ({
      step: li.getAttribute('data-step'),
      ok: li.getAttribute('data-ok'),
      result: li.querySelector('.pill')?.textContent,
      ms: li.querySelector('.stage-ms')?.textContent,
      detail: li.querySelector('.stage-detail')?.textContent ?? '',
    })),
  );
}

describe('the Connections page', () => {
  it('creates an email connection, tests it stage by stage, and edits a setting keeping the password', async () => {
    const page = b.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
    await page.waitForURL('**/connections');
    await page.getByRole('button', { name: 'New connection' }).click();

    const form = page.getByRole('form', { name: 'New connection' });
    await form.getByLabel('Kind').selectOption('email');
    await field(form, 'Id').fill('mail');
    await field(form, 'Name').fill('Office mail');
    await field(form, 'Host').fill(smtp.host);
    await field(form, 'Port').fill(String(smtp.port));
    await field(form, 'From').fill('tenure@example.test');
    await form.getByRole('button', { name: '+ Set tls' }).click();
    await field(form, 'Ca').fill(smtp.ca);
    await field(form, 'Username').fill(username);
    await field(form, 'Password').fill(password);
    await form.getByRole('button', { name: 'Create' }).click();

    const row = page.locator('tr[data-connection="mail"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('password set');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const first = await stagesShown('Office mail');
    expect(first.map((s) => `${s.step}:${s.result}`)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'smtp:ok', 'auth:ok']);
    for (const stage of first) expect(stage.ms).toMatch(/^\d+ ms$/);
    expect(first.find((s) => s.step === 'auth')?.detail).toBe('the server accepted the username and password');
    await row.getByText('passed').waitFor();

    // Edit: the password shows as set, is not in any input, and is kept when only a setting changes.
    await row.getByRole('button', { name: 'Edit Office mail' }).click();
    const edit = page.getByRole('form', { name: 'Edit Office mail' });
    expect(await edit.getByTestId('secret-password-state').textContent()).toBe('set');
    expect(await edit.locator('input[type="password"]').count()).toBe(0);
    expect(await field(edit, 'Host').inputValue()).toBe(smtp.host);
    await field(edit, 'From name').fill('Tenure HR');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Test connection' }).waitFor();
    // The old result said nothing about the new settings.
    await row.getByText('not tested').waitFor();

    const saved = stored.parse((await b.sys.api('GET', '/api/connections/mail')).body);
    expect(saved.config.fromName).toBe('Tenure HR');
    expect(saved.secretFields).toEqual(['password', 'username']);

    await page.getByRole('button', { name: 'Test connection' }).click();
    const again = await stagesShown('Office mail');
    expect(again.map((s) => `${s.step}:${s.result}`)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'smtp:ok', 'auth:ok']);
    await row.getByText('passed').waitFor();
    expect(stored.parse((await b.sys.api('GET', '/api/connections/mail')).body).lastTest?.ok).toBe(true);

    // A wrong password typed over the stored one: the test stops at the sign-in and says so.
    await row.getByRole('button', { name: 'Edit Office mail' }).click();
    await page.getByRole('button', { name: 'Replace password' }).click();
    await field(page, 'Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const refused = await stagesShown('Office mail');
    expect(refused.at(-1)).toMatchObject({ step: 'auth', ok: 'false', result: 'failed' });
    await row.getByText('failed at auth').waitFor();

    await Promise.all(reading);
    expect(answers.length).toBeGreaterThan(4);
    expect(answers.join('\n')).not.toContain(password);
    expect(await page.content()).not.toContain(password);
    expect(b.errors).toEqual([]);
  });

  it('lists what a definition needs: each connection it names, whether it exists and passed its test', async () => {
    const page = b.page;
    const draft = definition(
      'needs-connections',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'welcome', type: 'action', data: { label: 'Welcome mail', action: 'email.send', connectionId: 'mail', params: { to: 'a@example.test', subject: 'Hi', text: 'Hello' } } }),
        node({ id: 'notify', type: 'action', data: { label: 'Tell the ticket system', action: 'http.callout', connectionId: 'tickets', params: { payload: '{}' } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'welcome'), edge('welcome', 'notify'), edge('notify', 'end')],
    );
    expect((await b.sys.api('POST', '/api/definitions', draft)).status).toBe(201);
    // A working mail connection, whatever the test before left (it ends with a refused password).
    const mail = { id: 'mail', kind: 'email', name: 'Office mail', config: { host: smtp.host, port: smtp.port, from: 'tenure@example.test', tls: { ca: smtp.ca } }, secrets: { username, password } };
    const exists = (await b.sys.api('GET', '/api/connections/mail')).status === 200;
    expect((await b.sys.api(exists ? 'PUT' : 'POST', exists ? '/api/connections/mail' : '/api/connections', mail)).status).toBeLessThan(300);
    expect((await b.sys.api('POST', '/api/connections/mail/test')).body).toMatchObject({ ok: true });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Definitions' }).click();
    const needs = page.getByRole('group', { name: `What ${draft.name} needs` });
    await needs.getByText('1 of 2 connections ready').click();
    const items = await needs.locator('li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-connection'), li.getAttribute('data-state')]));
    expect(items).toEqual([
      ['mail', 'ready'],
      ['tickets', 'missing'],
    ]);
    expect(await needs.locator('li[data-connection="tickets"]').textContent()).toContain('Tell the ticket system');

    // "Create it" opens the form for that id and kind.
    await needs.locator('li[data-connection="tickets"]').getByRole('link', { name: 'Create it' }).click();
    const form = page.getByRole('form', { name: 'New connection' });
    expect(await field(form, 'Id').inputValue()).toBe('tickets');
    expect(await form.getByLabel('Kind').inputValue()).toBe('http');
    expect(await field(form, 'Signing secret').inputValue()).toBe('');
    expect(b.errors).toEqual([]);
  });
});
