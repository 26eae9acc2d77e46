/**
 * The run page in real Chromium against the real server and Temporal, for a step whose target is
 * down: while Temporal retries it the page says which attempt it is on, the last error and when the
 * next retry comes, on the canvas and in the side panel; once the attempts are spent the step shows
 * as failed with that error.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definition, edge, node } from '../support/definitions.ts';
import { freePort } from '../support/ports.ts';
import { canvasNode, screenshotDir, useBrowserSystem } from '../support/browser.ts';

const b = useBrowserSystem();

describe('a retrying step on the run page', () => {
  it('shows the attempt, the last error and the next retry while Temporal retries, then the failed step', async () => {
    const page = b.page;
    // A web service call to a port where nothing listens fails at once, and is retried.
    const closed = { id: 'down', kind: 'http', name: 'Down', config: { url: `http://127.0.0.1:${await freePort()}/`, timeoutSeconds: 5 }, secrets: { signingSecret: 'a-signing-secret-of-some-length' } };
    expect((await b.sys.api('POST', '/api/connections', closed)).status).toBe(201);
    const def = definition(
      'retrying-callout',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'call', type: 'action', data: { label: 'Call out', action: 'http.callout', connectionId: 'down', retry: { maximumAttempts: 5, initialIntervalSeconds: 4, backoffCoefficient: 1 } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'call'), edge('call', 'end')],
    );
    expect((await b.sys.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await b.sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
    const started = await b.sys.api('POST', '/api/runs', { definitionId: def.id, people: [{ employeeId: 'E-8100', attributes: {} }] });
    expect(started.status).toBe(202);
    const runId = z.object({ runs: z.array(z.object({ id: z.string() }).loose()) }).parse(started.body).runs[0]?.id ?? '';

    await page.goto(`${b.baseUrl}/runs/${encodeURIComponent(runId)}`);
    const card = page.getByRole('group', { name: 'Retrying Call out' });
    await card.waitFor({ timeout: 30_000 });
    await expect.poll(() => card.getByTestId('attempt-line').textContent(), { timeout: 20_000 }).toMatch(/^Running — attempt [2-5] of 5, last error: .*the service could not be reached.* \(HttpUnavailable\), next retry in \d s$/);
    // The countdown moves between two answers of the server.
    const first = Number(/in (\d) s$/.exec((await card.getByTestId('attempt-line').textContent()) ?? '')?.[1]);
    await expect.poll(async () => Number(/in (\d) s$/.exec((await card.getByTestId('attempt-line').textContent()) ?? '')?.[1] ?? first), { timeout: 5000 }).not.toBe(first);

    const note = canvasNode(page, 'call').locator('.node-status-note');
    await expect.poll(() => note.textContent()).toMatch(/attempt [2-5] of 5 · .*could not be reached/);
    expect(await canvasNode(page, 'call').locator('.node').getAttribute('data-status')).toBe('running');

    // Selecting the step shows the same line in its details.
    await canvasNode(page, 'call').click();
    await expect.poll(() => page.locator('.node-details').getByTestId('attempt-line').textContent()).toMatch(/^Running — attempt [2-5] of 5, last error: /);
    await page.screenshot({ path: join(screenshotDir, 'run-retrying.png') });

    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 40_000 }).toBe('failed');
    expect(await card.count()).toBe(0);
    expect(await canvasNode(page, 'call').locator('.node').getAttribute('data-status')).toBe('failed');
    expect(await note.textContent()).toContain('could not be reached');
    expect(b.errors).toEqual([]);
  });
});
