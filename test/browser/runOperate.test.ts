/**
 * Operating runs in real Chromium against the real server and Temporal, with a target that is down
 * until the test starts a web service on its port:
 * - a step that waits for an operator is retried from the run page once the target is back, and the
 *   run completes;
 * - a run that ended failed is retried from its failed step from the runs list, and completes;
 * - a running run is cancelled from the runs list.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definition, edge, node } from '../support/definitions.ts';
import { freePort } from '../support/ports.ts';
import { screenshotDir, useBrowserSystem } from '../support/browser.ts';

const b = useBrowserSystem();
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map(async (s) => new Promise((resolve) => s.close(resolve))));
});

const started = z.object({ runs: z.array(z.object({ id: z.string() }).loose()) });
const statusOf = async (runId: string) => z.object({ workflowStatus: z.string() }).loose().parse((await b.sys.api('GET', `/api/runs/${runId}`)).body).workflowStatus;

/** A callout connection to a port where nothing listens; `fix()` starts a service there. */
async function downService(id: string) {
  const port = await freePort();
  const connection = { id, kind: 'http', name: id, config: { url: `http://127.0.0.1:${port}/`, timeoutSeconds: 5 }, secrets: { signingSecret: 'a-signing-secret-of-some-length' } };
  expect((await b.sys.api('POST', '/api/connections', connection)).status).toBe(201);
  return async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  };
}

async function publishAndRun(id: string, nodes: Parameters<typeof definition>[1], edges: Parameters<typeof definition>[2], employeeId: string): Promise<string> {
  expect((await b.sys.api('POST', '/api/definitions', definition(id, nodes, edges))).status).toBe(201);
  expect((await b.sys.api('POST', `/api/definitions/${id}/publish`)).status).toBe(201);
  const res = await b.sys.api('POST', '/api/runs', { definitionId: id, people: [{ employeeId, attributes: {} }] });
  expect(res.status).toBe(202);
  return started.parse(res.body).runs[0]?.id ?? '';
}

const callout = (connectionId: string, waitForOperator: boolean) =>
  node({ id: 'call', type: 'action', data: { label: 'Call out', action: 'http.callout', connectionId, retry: { maximumAttempts: 2, initialIntervalSeconds: 1, backoffCoefficient: 1 }, waitForOperator } });

describe('operating runs in the browser', () => {
  it('retries a step waiting for an operator from the run page once the target is back', async () => {
    const page = b.page;
    const fix = await downService('ui-down-then-up');
    const runId = await publishAndRun('ui-operate-wait', [node({ id: 'start', type: 'start', data: {} }), callout('ui-down-then-up', true), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'call'), edge('call', 'end')], 'E-8201');
    await page.goto(`${b.baseUrl}/runs/${encodeURIComponent(runId)}`);
    const card = page.getByRole('group', { name: 'Resolve step call' });
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain('could not be reached');
    await page.screenshot({ path: join(screenshotDir, 'run-waiting-for-operator.png') });

    await fix();
    await card.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toBe('completed');
    expect(await statusOf(runId)).toBe('COMPLETED');
  });

  it('retries a failed run from its failed step, and cancels a running run, from the runs list', async () => {
    const page = b.page;
    const fix = await downService('ui-down-for-good');
    const failing = await publishAndRun('ui-operate-reset', [node({ id: 'start', type: 'start', data: {} }), callout('ui-down-for-good', false), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'call'), edge('call', 'end')], 'E-8202');
    const waiting = await publishAndRun(
      'ui-operate-cancel',
      [node({ id: 'start', type: 'start', data: {} }), node({ id: 'later', type: 'wait', data: { wait: { kind: 'duration', duration: { days: 1 } } } }), node({ id: 'end', type: 'end', data: {} })],
      [edge('start', 'later'), edge('later', 'end')],
      'E-8202',
    );
    await expect.poll(() => statusOf(failing), { timeout: 30_000 }).toBe('FAILED');

    await page.goto(`${b.baseUrl}/runs?employeeId=E-8202`);
    const failedRow = page.locator(`tr[data-run="${failing}"]`);
    const runningRow = page.locator(`tr[data-run="${waiting}"]`);
    await failedRow.getByRole('button', { name: 'Retry from failed step' }).waitFor();
    await runningRow.getByRole('button', { name: 'Cancel' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'runs-list-actions.png') });

    await fix();
    await failedRow.getByRole('button', { name: 'Retry from failed step' }).click();
    await expect.poll(() => statusOf(failing), { timeout: 30_000 }).toBe('COMPLETED');

    // The harness accepts the "Cancel this run?" confirmation (support/browser.ts).
    await runningRow.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => statusOf(waiting), { timeout: 30_000 }).toBe('CANCELLED');
    // Both runs have ended: neither offers anything any more.
    await page.reload();
    await failedRow.waitFor();
    expect(await page.locator(`tr[data-run="${failing}"] button, tr[data-run="${waiting}"] button`).count()).toBe(0);
    expect(b.errors).toEqual([]);
  });
});
