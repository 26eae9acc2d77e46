/**
 * The step panel in real Chromium against the real server: how long a failed step waits for an
 * operator is edited right below "Wait for operator" (under "Retries, timeout and errors"), saved into the draft as the engine reads it,
 * and a wait on a step that does not wait is shown as a problem of that field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canvasNode, useBrowserSystem } from '../support/browser.ts';
import { definition, edge, log, node } from '../support/definitions.ts';

const b = useBrowserSystem();

const stored = z.object({ definition: z.object({ nodes: z.array(z.object({ id: z.string(), data: z.record(z.string(), z.unknown()) }).loose()) }).loose() });

describe('the wait for an operator in the step panel', () => {
  beforeAll(async () => {
    const def = definition(
      'operator-panel',
      [node({ id: 'start', type: 'start', data: {} }), node({ id: 'call', type: 'action', data: { label: 'Call out', ...log('hello'), waitForOperator: true } }), node({ id: 'end', type: 'end', data: {} })],
      [edge('start', 'call'), edge('call', 'end')],
    );
    expect((await b.sys.api('POST', '/api/definitions', def)).status).toBe(201);
  });

  it('edits operatorWaitHours next to waitForOperator and saves it', async () => {
    const page = b.page;
    await page.goto(`${b.baseUrl}/definitions/operator-panel`);
    await canvasNode(page, 'call').locator('.node-title').click();
    await page.getByRole('tab', { name: /^Step/ }).click();

    const paths = await page.locator('[data-path]').evaluateAll((els) => els.map((e) => e.getAttribute('data-path') ?? ''));
    const at = paths.indexOf('waitForOperator');
    expect(at, paths.join(', ')).toBeGreaterThanOrEqual(0);
    expect(paths[at + 1]).toBe('operatorWaitHours');

    await page.getByText('Retries, timeout and errors').click();
    await page.getByLabel('Operator wait hours').fill('0.5');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+s');
    await page.getByText('Draft saved').waitFor();
    const saved = stored.parse((await b.sys.api('GET', '/api/definitions/operator-panel')).body).definition.nodes.find((n) => n.id === 'call');
    expect(saved?.data).toMatchObject({ waitForOperator: true, operatorWaitHours: 0.5 });

    await canvasNode(page, 'call').locator('.node-title').click();
    await page.getByRole('tab', { name: /^Step/ }).click();
    if (!(await page.getByLabel('Wait for operator').isVisible())) await page.getByText('Retries, timeout and errors').click();
    await page.getByLabel('Wait for operator').uncheck();
    await page.getByText('"Call out" has an operator wait but does not wait for an operator; turn on waitForOperator, or remove operatorWaitHours.').first().waitFor();
  }, 60_000);
});
