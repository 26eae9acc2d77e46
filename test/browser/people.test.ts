/**
 * The person page and operator resolution in real Chromium against the real server and Temporal:
 * an HR hire starts a run and the person's page shows it; a failed step held for an operator is
 * skipped from the run page and the run goes on.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definition, edge, log, node } from '../support/definitions.ts';
import { freePort } from '../support/ports.ts';
import { canvasNode, useBrowserSystem } from '../support/browser.ts';
import type { DefinitionInput } from '../../workflows/dsl/index.ts';

const b = useBrowserSystem();

async function publish(def: DefinitionInput) {
  const saved = await b.sys.api('POST', '/api/definitions', def);
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  expect((await b.sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
}

describe('people and operators in the designer', () => {
  it('finds a hired person from the top bar and shows state, attributes, the timeline and the run', async () => {
    const page = b.page;
    await publish(
      definition('people-joiner', [node({ id: 'start', type: 'start', data: {} }), node({ id: 'hello', type: 'action', data: log('hello') }), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'hello'), edge('hello', 'end')], {
        lifecycle: 'joiner',
        trigger: { events: ['hire'] },
      }),
    );
    const hireDate = new Date().toISOString().slice(0, 10);
    const sent = await b.sys.api('POST', '/api/hr/events', { eventId: 'people-evt-1', type: 'hire', employeeId: 'E-4711', attributes: { givenName: 'Grace', hireDate } });
    expect(sent.status).toBe(202);

    await page.getByLabel('Find person by employee id').fill('E-4711');
    await page.getByLabel('Find person by employee id').press('Enter');
    await page.waitForURL('**/people/E-4711');

    // The run starts shortly after the event: refresh until the page shows it.
    const runs = page.getByRole('table', { name: 'Person runs' });
    await expect
      .poll(
        async () => {
          if (await runs.isVisible()) return true;
          await page.getByRole('button', { name: 'Refresh' }).click();
          await page.getByRole('button', { name: 'Refresh' }).waitFor();
          return false;
        },
        { timeout: 30_000 },
      )
      .toBe(true);

    const person = z
      .object({ state: z.string().nullish(), runs: z.array(z.object({ runId: z.string() }).loose()) })
      .loose()
      .parse((await b.sys.api('GET', '/api/people/E-4711')).body);
    const runId = person.runs[0]?.runId ?? '';
    expect(runId).not.toBe('');
    expect(await page.getByTestId('person-state').textContent()).toBe(person.state ?? 'no state yet');

    const attributes = page.getByRole('table', { name: 'Attributes' });
    expect(await attributes.locator('[data-attribute="givenName"] td').nth(1).textContent()).toBe('Grace');
    expect(await attributes.locator('[data-attribute="hireDate"] td').nth(1).textContent()).toBe(hireDate);

    const timeline = page.getByRole('list', { name: 'Timeline' });
    const kinds = await timeline.locator('li').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')));
    expect(kinds[0]).toBe('event');
    expect(kinds).toContain('run-started');
    expect(kinds.indexOf('run-started')).toBeGreaterThan(kinds.indexOf('event'));
    await timeline.locator('li[data-kind="event"] time').first().waitFor();

    // The run link opens the run; the employee id there leads back to the person.
    await runs.locator(`[data-run="${runId}"]`).getByRole('link').click();
    await page.waitForURL(`**/runs/${runId}`);
    await page.getByRole('heading', { name: /Run of people-joiner/ }).getByRole('link', { name: 'E-4711' }).click();
    await page.waitForURL('**/people/E-4711');
    await page.getByTestId('person-state').waitFor();

    await page.getByLabel('Find person by employee id').fill('nobody-here');
    await page.getByLabel('Find person by employee id').press('Enter');
    await page.getByText('No such person').waitFor();
  });

  it('skips a failed step waiting for an operator from the run page, and the run completes', async () => {
    const page = b.page;
    // A web service call to a port where nothing listens fails at once, every time.
    const closed = { id: 'nowhere', kind: 'http', name: 'Nowhere', config: { url: `http://127.0.0.1:${await freePort()}/`, timeoutSeconds: 5 }, secrets: { signingSecret: 'a-signing-secret-of-some-length' } };
    expect((await b.sys.api('POST', '/api/connections', closed)).status).toBe(201);
    await publish(
      definition(
        'people-fragile',
        [
          node({ id: 'start', type: 'start', data: {} }),
          node({ id: 'call', type: 'action', data: { label: 'Call out', action: 'http.callout', connectionId: 'nowhere', retry: { maximumAttempts: 1 }, waitForOperator: true } }),
          node({ id: 'after', type: 'action', data: log('after the call') }),
          node({ id: 'end', type: 'end', data: {} }),
        ],
        [edge('start', 'call'), edge('call', 'after'), edge('after', 'end')],
      ),
    );
    const started = await b.sys.api('POST', '/api/runs', { definitionId: 'people-fragile', people: [{ employeeId: 'E-5000', attributes: { givenName: 'Alan' } }] });
    expect(started.status).toBe(202);
    const runId = z.object({ runs: z.array(z.object({ id: z.string() }).loose()) }).parse(started.body).runs[0]?.id ?? '';

    await page.goto(`${b.baseUrl}/runs/${encodeURIComponent(runId)}`);
    const card = page.getByRole('group', { name: 'Resolve step call' });
    await card.waitFor({ timeout: 30_000 });
    await card.getByText('Failed — waiting for an operator').waitFor();
    expect(await card.locator('.field-problem').textContent()).not.toBe('');
    await expect.poll(() => canvasNode(page, 'call').locator('.node-status-note').textContent()).toContain('waiting for an operator');

    // Keyboard: focus Retry, tab to Skip, press Enter.
    await card.getByRole('button', { name: 'Retry' }).focus();
    await page.keyboard.press('Tab');
    expect(await card.getByRole('button', { name: 'Skip' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toBe('completed');
    await expect.poll(() => canvasNode(page, 'after').locator('.node').getAttribute('data-status')).toBe('done');
    expect(await card.count()).toBe(0);
  });

  it('logged no console error on the way', () => {
    // The "no such person" lookup answers 404, which Chromium logs as a failed resource load.
    expect(b.errors.filter((e) => !e.includes('404'))).toEqual([]);
  });
});
