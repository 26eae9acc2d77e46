/**
 * What the designer says about a draft is what publishing it would do, in real Chromium against
 * the real server: a step naming a missing connection is marked and listed, and Publish waits until
 * the connection exists; a settings step shows its value with its type and never blanks it; and an
 * expression previewed on a Joiner step gives the value Simulate plans to send.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seedTemplates } from '../../server/templates/seed.ts';
import { canvasNode, useBrowserSystem } from '../support/browser.ts';
import { definition, edge, node } from '../support/definitions.ts';

const b = useBrowserSystem((started) => seedTemplates(started.sys.definitions));

async function open(id: string) {
  await b.page.goto(`${b.baseUrl}/definitions/${id}`);
  await b.page.locator('.react-flow__node').first().waitFor();
}

const tab = (name: string) => b.page.getByRole('tab', { name: new RegExp(`^${name}`) });
const missing = 'There is no connection "mailer": create it (Connections) or choose another.';

describe('problems, settings and previews in the designer', () => {
  it('lists a missing connection on its step and in Problems, and offers Publish once the connection exists', async () => {
    const page = b.page;
    const draft = definition(
      'tell-hr',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'mail', type: 'action', data: { label: 'Tell HR', action: 'email.send', connectionId: 'mailer', params: { to: 'hr@example.test', subject: 'Hired', text: 'Someone was hired.' } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'mail'), edge('mail', 'end')],
      { name: 'Tell HR', lifecycle: 'joiner' },
    );
    expect((await b.sys.api('POST', '/api/definitions', draft)).status).toBe(201);
    await open('tell-hr');

    const publish = page.getByRole('button', { name: 'Publish' });
    await expect.poll(() => canvasNode(page, 'mail').locator('.node-problem').getAttribute('title')).toBe(missing);
    expect(await publish.isDisabled()).toBe(true);
    expect(await publish.getAttribute('title')).toBe('Fix the 1 problem to publish');
    await tab('Problems').click();
    const listed = page.getByRole('list', { name: 'Problems' }).getByRole('listitem');
    await expect.poll(() => listed.allTextContents()).toEqual([`mail${missing}`]);
    // The step's own form says it under the connection it names.
    await listed.first().getByRole('button').click();
    await tab('Step').click();
    await expect.poll(() => page.getByRole('list', { name: 'Problems of this step' }).textContent()).toBe(missing);

    const mailer = { id: 'mailer', kind: 'email', name: 'Mail', config: { host: '127.0.0.1', port: 2525, from: 'tenure@example.test' }, secrets: {} };
    expect((await b.sys.api('POST', '/api/connections', mailer)).status).toBe(201);
    await tab('Problems').click();
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByText('No problems').waitFor();
    await expect.poll(() => publish.isEnabled()).toBe(true);
    expect(await canvasNode(page, 'mail').locator('.node-problem').count()).toBe(0);
    await publish.click();
    await page.getByText('Published revision 1').waitFor();
    expect(z.object({ revisions: z.array(z.object({ number: z.number() }).loose()) }).parse((await b.sys.api('GET', '/api/definitions/tell-hr/revisions')).body).revisions).toHaveLength(1);
  });

  it("shows a setting's value with its type, converts it when the type changes, and refuses to lose it", async () => {
    const page = b.page;
    await open('template-joiner');
    await canvasNode(page, 'setting-upnSuffix').locator('.node-title').click();
    await tab('Step').click();
    const param = page.locator('[data-param="value"]');
    const type = param.getByRole('combobox', { name: 'Value: type' });
    expect(await type.inputValue()).toBe('string');
    expect(await param.getByRole('textbox').inputValue()).toBe('example.com');

    await type.selectOption({ label: 'Number' });
    await expect.poll(() => param.getByRole('alert').textContent()).toBe('"example.com" is not a number: change the value first, or keep its type.');
    expect(await type.inputValue()).toBe('string');
    expect(await param.getByRole('textbox').inputValue()).toBe('example.com');

    await type.selectOption({ label: 'List of text' });
    await expect.poll(() => type.inputValue()).toBe('list');
    expect(await param.getByRole('textbox').inputValue()).toBe('example.com');
    await type.selectOption({ label: 'Text' });
    await expect.poll(() => type.inputValue()).toBe('string');
    await param.getByRole('textbox').fill('contoso.com');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    const stored = z.object({ definition: z.object({ nodes: z.array(z.object({ id: z.string(), data: z.record(z.string(), z.unknown()) }).loose()) }).loose() });
    const saved = stored.parse((await b.sys.api('GET', '/api/definitions/template-joiner')).body).definition.nodes.find((n) => n.id === 'setting-upnSuffix');
    expect(saved?.data.params).toEqual({ name: 'upnSuffix', value: 'contoso.com' });
  });

  it("previews the Joiner's UPN with the suffix setting and the employee id, as Simulate sends them", async () => {
    const page = b.page;
    await open('template-joiner');
    // The steps naming connections are listed in Problems: choosing one selects it wherever it is.
    await tab('Problems').click();
    await page.getByRole('list', { name: 'Problems' }).getByRole('button', { name: /^createEntra/ }).first().click();
    await tab('Step').click();
    const upn = page.locator('[data-param="userPrincipalName"]').getByTestId('expression-preview');
    await expect.poll(() => upn.textContent()).toBe('"ada.lovelace@contoso.com"');
    const employeeId = page.locator('[data-param="employeeId"]').getByTestId('expression-preview');
    await expect.poll(() => employeeId.textContent()).toBe('"E1001"');
    const previewed = { upn: await upn.textContent(), employeeId: await employeeId.textContent() };

    await tab('Simulate').click();
    await page.getByRole('button', { name: 'Simulate', exact: true }).click();
    const planned = page.locator('.sim-operation[data-action="entra.createUser"] pre');
    await planned.waitFor();
    const input = z.object({ userPrincipalName: z.string(), employeeId: z.string() }).loose().parse(JSON.parse((await planned.textContent()) ?? ''));
    expect(JSON.stringify(input.userPrincipalName)).toBe(previewed.upn);
    expect(JSON.stringify(input.employeeId)).toBe(previewed.employeeId);
  });

  it('logged no console error on the way', () => {
    expect(b.errors).toEqual([]);
  });
});
