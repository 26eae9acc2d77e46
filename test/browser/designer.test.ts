/**
 * The designer in real Chromium against the real server and real Temporal: build a lifecycle from
 * an empty canvas, simulate it, run it for real, approve it from the inbox and watch it finish.
 * The three flows build on each other, in order.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canvasNode, connect, dropFromPalette, screenshotDir, signIn, signOut, useBrowserSystem } from '../support/browser.ts';

/** Ana approves; the admin draws and starts the run (nobody approves a change they requested). */
let anaToken: string;
const b = useBrowserSystem(async ({ sys }) => {
  expect((await sys.api('POST', '/api/users', { id: 'ana', displayName: 'Ana Lima', roles: ['approver'] })).status).toBe(201);
  anaToken = z.object({ token: z.string() }).parse((await sys.api('POST', '/api/users/ana/tokens', { name: 'browser test' })).body).token;
});

const definitionId = 'browser-onboarding';
const problemsTab = () => b.page.getByRole('tab', { name: /^Problems/ });
const problemList = () => b.page.getByRole('list', { name: 'Problems' });

async function openTab(name: string) {
  await b.page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

async function select(nodeId: string) {
  // Click the node's title, away from its handles.
  await canvasNode(b.page, nodeId).locator('.node-title').click();
  await openTab('Step');
}

describe('designer', () => {
  it('builds a workflow from an empty canvas, shows a problem appear and disappear, and publishes it', async () => {
    const page = b.page;
    await page.getByRole('link', { name: 'New definition' }).click();
    await page.getByText('An empty canvas').waitFor();

    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Browser onboarding');
    await page.getByRole('textbox', { name: 'Id', exact: true }).fill(definitionId);

    await dropFromPalette(page, 'start', { x: 110, y: 90 });
    await dropFromPalette(page, 'decision', { x: 110, y: 330 });
    await dropFromPalette(page, 'core.log', { x: 420, y: 120 });
    await dropFromPalette(page, 'approval', { x: 740, y: 120 });
    await dropFromPalette(page, 'end', { x: 600, y: 470 });
    for (const id of ['start', 'decision-1', 'action-1', 'approval-1', 'end-1']) await canvasNode(page, id).waitFor();

    // The log action has no message yet: the shared validator says so on the node and in the list.
    await expect.poll(() => canvasNode(page, 'action-1').locator('.node').getAttribute('class')).toContain('has-problem');
    await problemsTab().click();
    await problemList().getByText('"Write to the run log" needs the parameter "message".').waitFor();

    // A rule: engineers go to the log step, everyone else to the end.
    await select('decision-1');
    await page.getByRole('button', { name: '+ Add rule' }).click();
    await page.getByLabel('Outcome of rule 1').fill('engineering');
    await page.getByLabel('Fact').fill('department');
    await page.getByLabel('Value', { exact: true }).fill('Engineering');
    await canvasNode(page, 'decision-1').locator('[data-handleid="engineering"]').waitFor();

    // The action: its message is an expression, previewed for the sample person.
    await select('action-1');
    const message = page.locator('[data-param="message"]');
    await message.getByRole('button', { name: 'Expression' }).click();
    await message.getByRole('combobox').fill('Join(" ", "Welcome", [givenName])');
    await expect.poll(() => message.getByTestId('expression-preview').textContent()).toBe('"Welcome Ada"');

    // The approval: Ana decides.
    await select('approval-1');
    await page.getByLabel('Question').fill('Grant production access?');
    const kind = page.getByLabel('Approver 1: kind');
    await kind.selectOption((await kind.locator('option', { hasText: /^user/ }).getAttribute('value')) ?? '');
    await page.getByLabel('User id').fill('ana');

    await connect(page, 'start', 'next', 'decision-1');
    await connect(page, 'decision-1', 'engineering', 'action-1');
    await connect(page, 'decision-1', 'default', 'end-1');
    await connect(page, 'action-1', 'next', 'approval-1');
    await connect(page, 'approval-1', 'approved', 'end-1');
    await connect(page, 'approval-1', 'rejected', 'end-1');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(6);

    // Every problem is gone, the message one included; publish becomes possible.
    await problemsTab().click();
    await page.getByText('The definition is valid and can be published.').waitFor();
    await expect.poll(() => canvasNode(page, 'action-1').locator('.node').getAttribute('class')).not.toContain('has-problem');
    const publish = page.getByRole('button', { name: 'Publish' });
    await expect.poll(() => publish.isEnabled()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'editor.png') });
    await publish.click();
    await page.getByText('Published revision 1').waitFor();
    await page.waitForURL(`**/definitions/${definitionId}`);
    await page.getByText('published r1').waitFor();

    const revisions = await b.sys.api('GET', `/api/definitions/${definitionId}/revisions`);
    expect(z.object({ revisions: z.array(z.object({ number: z.number() })) }).parse(revisions.body).revisions.map((r) => r.number)).toEqual([1]);
  });

  it('simulates it for a sample person: the path is highlighted and the planned operations listed', async () => {
    const page = b.page;
    await openTab('Simulate');
    await page.getByRole('button', { name: 'Simulate', exact: true }).click();
    const result = page.getByTestId('simulation-result');
    await result.waitFor();
    expect(await result.getAttribute('data-outcome')).toBe('succeeded');

    for (const id of ['start', 'decision-1', 'action-1', 'approval-1', 'end-1']) {
      expect(await canvasNode(page, id).locator('.node').getAttribute('data-status'), id).toBe('done');
    }
    expect(await page.locator('.react-flow__edge.is-taken').count()).toBe(4);
    await result.getByText('department', { exact: true }).first().waitFor();
    const operations = page.getByRole('list', { name: 'Planned operations' });
    expect(await operations.locator('li').count()).toBe(1);
    expect(await operations.locator('li').first().getAttribute('data-action')).toBe('core.log');
    await operations.getByText('"message": "Welcome Ada"').waitFor();
    expect(await canvasNode(page, 'approval-1').locator('.node-status-note').textContent()).toContain('ana');
    await page.screenshot({ path: join(screenshotDir, 'simulation.png') });
  });

  it('runs it for real, waits on the approval on the canvas, is approved from the inbox, and completes', async () => {
    const page = b.page;
    await openTab('Run now');
    await page.getByRole('button', { name: 'Run revision 1 now' }).click();
    await page.waitForURL('**/runs/*');
    const runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');

    const approval = canvasNode(page, 'approval-1').locator('.node');
    await expect.poll(() => approval.getAttribute('data-status'), { timeout: 30_000 }).toBe('waiting');
    expect(await approval.locator('.node-status-note').textContent()).toContain('waiting for ana');
    expect(await canvasNode(page, 'action-1').locator('.node').getAttribute('data-status')).toBe('done');
    await page.screenshot({ path: join(screenshotDir, 'run.png') });

    // Ana signs in and finds the approval in her inbox.
    await signOut(b);
    await signIn(b, anaToken);
    await page.getByRole('link', { name: 'Inbox' }).click();
    const card = page.locator(`[data-approval="${runId}:approval-1"]`);
    await card.waitFor({ timeout: 30_000 });
    await card.getByLabel('Comment').fill('Welcome aboard');
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/Approved: the run continues/).waitFor();
    await page.getByText('Nothing to approve').waitFor();

    // The admin watches the run finish.
    await signOut(b);
    await signIn(b);
    await page.goto(`${b.baseUrl}/runs/${encodeURIComponent(runId)}`);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toBe('completed');
    await expect.poll(() => canvasNode(page, 'end-1').locator('.node').getAttribute('data-status')).toBe('done');
    expect(await approval.getAttribute('data-status')).toBe('done');

    const run = z.object({ outcome: z.string(), trace: z.array(z.object({ nodeId: z.string() }).loose()) }).parse((await b.sys.api('GET', `/api/runs/${runId}`)).body);
    expect(run.outcome).toBe('succeeded');
    expect(run.trace.map((t) => t.nodeId)).toEqual(['start', 'decision-1', 'action-1', 'approval-1', 'end-1']);
  });

  it('logged no console error on the way', () => {
    expect(b.errors).toEqual([]);
  });
});
