/**
 * The editor's tools in real Chromium against the real server: the rule builder round-trips the
 * engine's JSON, offers the presence operators without a value and fits the inspector, the expression editor completes, marks errors and previews, the keyboard and the
 * toolbar edit the graph (undo/redo, copy/paste, delete undone with its edges in one step, layout,
 * import/export), history diffs
 * revisions and counts runs in flight, the runs list filters, and a 300-node graph stays smooth.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { startedRuns } from '../support/api.ts';
import { canvasNode, useBrowserSystem } from '../support/browser.ts';
import { definition, edge, node } from '../support/definitions.ts';

const b = useBrowserSystem();

const conditions = {
  all: [
    { fact: 'department', operator: 'equal', value: 'Engineering' },
    { any: [{ fact: 'country', operator: 'in', value: ['FR', 'DE'] }, { not: { fact: 'vars', path: '$.level', operator: 'greaterThanInclusive', value: 3 } }] },
  ],
};

const demo: DefinitionInput = definition(
  'tools-demo',
  [
    node({ id: 'start', type: 'start', data: {} }),
    node({ id: 'route', type: 'decision', data: { label: 'Route', rules: [{ outcome: 'engineering', conditions }] } }),
    node({ id: 'greet', type: 'action', data: { label: 'Greet', action: 'core.log', params: { message: { expression: 'Join(" ", "Hi", [givenName])' } } } }),
    node({ id: 'hold', type: 'wait', data: { label: 'Hold', wait: { kind: 'duration', duration: { hours: 1 } } } }),
    node({ id: 'end', type: 'end', data: {} }),
  ],
  [edge('start', 'route'), edge('route', 'greet', 'engineering'), edge('route', 'end', 'default'), edge('greet', 'hold'), edge('hold', 'end')],
  { name: 'Tools demo', lifecycle: 'joiner' },
);

const stored = z.object({ version: z.number(), definition: z.object({ nodes: z.array(z.object({ id: z.string(), type: z.string(), data: z.record(z.string(), z.unknown()) }).loose()) }).loose() });
async function storedDraft(id: string) {
  return stored.parse((await b.sys.api('GET', `/api/definitions/${id}`)).body);
}

async function open(id: string) {
  await b.page.goto(`${b.baseUrl}/definitions/${id}`);
  await b.page.locator('.react-flow__node').first().waitFor();
}

async function select(nodeId: string) {
  await canvasNode(b.page, nodeId).locator('.node-title').click();
  await b.page.getByRole('tab', { name: /^Step/ }).click();
}

const nodeCount = () => b.page.locator('.react-flow__node').count();

describe('editor tools', () => {
  beforeAll(async () => {
    expect((await b.sys.api('POST', '/api/definitions', demo)).status).toBe(201);
  });

  it('round-trips json-rules-engine conditions through the visual rule builder', async () => {
    const page = b.page;
    await open('tools-demo');
    await select('route');
    const rule = page.locator('[data-rule="engineering"]');
    await rule.getByRole('tab', { name: 'JSON' }).click();
    expect(JSON.parse(await rule.getByLabel('Conditions of engineering as JSON').inputValue())).toEqual(conditions);

    await rule.getByRole('tab', { name: 'Visual' }).click();
    // Nested all / any / not, with the path of a `vars` fact.
    expect(await rule.locator('.cond-group').count()).toBe(2);
    expect(await rule.locator('.cond-not').count()).toBe(1);
    expect(await rule.getByLabel('Path in the fact').inputValue()).toBe('$.level');

    // Editing: a text value, and an operator whose kind of value differs (a list becomes one value).
    await rule.getByLabel('Value', { exact: true }).first().fill('Sales');
    await rule.getByLabel('Operator').nth(1).selectOption('equal');
    await rule.getByRole('tab', { name: 'JSON' }).click();
    const edited = {
      all: [
        { fact: 'department', operator: 'equal', value: 'Sales' },
        { any: [{ fact: 'country', operator: 'equal', value: 'FR' }, { not: { fact: 'vars', path: '$.level', operator: 'greaterThanInclusive', value: 3 } }] },
      ],
    };
    expect(JSON.parse(await rule.getByLabel('Conditions of engineering as JSON').inputValue())).toEqual(edited);

    // What is saved is exactly the JSON the engine runs.
    await page.keyboard.press('Escape');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+s');
    await page.getByText('Draft saved').waitFor();
    const saved = (await storedDraft('tools-demo')).definition.nodes.find((n) => n.id === 'route');
    expect(saved?.data.rules).toEqual([{ outcome: 'engineering', conditions: edited }]);
  });

  it('offers is present, is missing and is empty with no value field, and keeps their JSON as the engine runs it', async () => {
    const page = b.page;
    await open('tools-demo');
    await select('route');
    const rule = page.locator('[data-rule="engineering"]');
    const first = rule.locator('.cond-leaf').first();
    await first.getByLabel('Operator').selectOption('isMissing');
    expect(await first.getByLabel('Value', { exact: true }).count()).toBe(0);
    expect(await first.getByLabel('Kind of value').count()).toBe(0);
    await rule.getByRole('tab', { name: 'JSON' }).click();
    const json = rule.getByLabel('Conditions of engineering as JSON');
    const parsed = z.object({ all: z.array(z.unknown()) }).parse(JSON.parse(await json.inputValue()));
    expect(parsed.all[0]).toEqual({ fact: 'department', operator: 'isMissing', value: null });

    // Typed as JSON, an isEmpty condition on a run variable shows as one in the visual view.
    const typed = { all: [{ fact: 'vars', path: '$.nickname', operator: 'isEmpty', value: null }, { fact: 'mail', operator: 'isPresent', value: null }] };
    await json.fill(JSON.stringify(typed));
    await rule.getByRole('tab', { name: 'Visual' }).click();
    expect(await rule.getByLabel('Operator').evaluateAll((els) => els.map((e) => (e instanceof HTMLSelectElement ? e.value : '')))).toEqual(['isEmpty', 'isPresent']);
    expect(await rule.getByLabel('Value', { exact: true }).count()).toBe(0);
    await rule.getByRole('tab', { name: 'JSON' }).click();
    expect(JSON.parse(await json.inputValue())).toEqual(typed);

    // Back to a value: the value field returns, empty and of the operator's kind. (The rule stays
    // true for the person the later tests run, who has no mail, so their run still reaches Hold.)
    await rule.getByRole('tab', { name: 'Visual' }).click();
    await rule.getByLabel('Operator').nth(1).selectOption('notEqual');
    await rule.getByLabel('Value', { exact: true }).fill('ada@example.com');

    await page.keyboard.press('Escape');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+s');
    await page.getByText('Draft saved').waitFor();
    const saved = (await storedDraft('tools-demo')).definition.nodes.find((n) => n.id === 'route');
    expect(saved?.data.rules).toEqual([{ outcome: 'engineering', conditions: { all: [typed.all[0], { fact: 'mail', operator: 'notEqual', value: 'ada@example.com' }] } }]);
    await canvasNode(page, 'route').getByText('vars.nickname is empty').waitFor();
  });

  it('fits the rule builder in the inspector, nested groups and paths included', async () => {
    const page = b.page;
    await open('tools-demo');
    await select('route');
    const rule = page.locator('[data-rule="engineering"]');
    // At least three groups deep, with a path and a long operator name in the deepest.
    for (let i = 0; i < 2; i++) await rule.locator('.cond-group').last().getByRole('button', { name: '+ Group' }).last().click();
    expect(await rule.locator('.cond-group .cond-group .cond-group').count()).toBeGreaterThan(0);
    const deepest = rule.locator('.cond-leaf').last();
    await deepest.getByLabel('Fact', { exact: true }).fill('vars');
    await deepest.getByLabel('Path in the fact').fill('$.a.rather.long.path.into.the.run.variables');
    await deepest.getByLabel('Operator').selectOption('doesNotContain');
    const panel = page.locator('.side-panel');
    const overflowing = await panel.evaluate((el) => {
      const right = el.getBoundingClientRect().right;
      return [...el.querySelectorAll('input, select, textarea, button')]
        .filter((c) => c.getBoundingClientRect().width > 0 && c.getBoundingClientRect().right > right + 0.5)
        .map((c) => `${c.tagName.toLowerCase()} ${c.getAttribute('aria-label') ?? c.textContent}: right ${Math.round(c.getBoundingClientRect().right)} > ${Math.round(right)}`);
    });
    expect(overflowing).toEqual([]);
    expect(await page.locator('.side-panel .tab-panel').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
    // Readable, not squeezed: operators wide enough for their words, and each condition's remove
    // button on the line of its fact rather than wrapped below it.
    for (const width of await rule.getByLabel('Operator').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width))) expect(width).toBeGreaterThanOrEqual(150);
    const misplaced = await rule.locator('.cond-leaf-row').evaluateAll((rows) =>
      rows.filter((row) => {
        const remove = row.querySelector('[aria-label="Remove condition"]')?.getBoundingClientRect();
        const fact = row.querySelector('[aria-label="Fact"]')?.getBoundingClientRect();
        return remove !== undefined && fact !== undefined && (remove.top >= fact.bottom || remove.left < fact.right);
      }).length,
    );
    expect(misplaced).toBe(0);
  });

  it('brings back a deleted step together with its edges in one undo', async () => {
    const page = b.page;
    await open('tools-demo');
    const edgeCount = () => page.locator('.react-flow__edge').count();
    const before = { nodes: await nodeCount(), edges: await edgeCount() };
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await canvasNode(page, 'greet').locator('.node-title').click();
    await page.keyboard.press('Delete');
    await expect.poll(async () => ({ nodes: await nodeCount(), edges: await edgeCount() })).toEqual({ nodes: before.nodes - 1, edges: before.edges - 2 });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => ({ nodes: await nodeCount(), edges: await edgeCount() })).toEqual(before);
    expect(await page.locator('.react-flow__edge[data-id="route.engineering.greet"], .react-flow__edge[data-id="greet.next.hold"]').count()).toBe(2);
    // And one redo deletes both again.
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => ({ nodes: await nodeCount(), edges: await edgeCount() })).toEqual({ nodes: before.nodes - 1, edges: before.edges - 2 });
  });

  it('colours, completes, locates errors in and previews an expression', async () => {
    const page = b.page;
    await open('tools-demo');
    await select('greet');
    const message = page.locator('[data-param="message"]');
    const box = message.getByRole('combobox');
    expect(await message.locator('.tok-function').first().textContent()).toBe('Join');
    expect(await message.locator('.tok-attribute').first().textContent()).toBe('[givenName]');
    await expect.poll(() => message.getByTestId('expression-preview').textContent()).toBe('"Hi Ada"');

    await box.fill('Jion("a")');
    const error = message.getByRole('alert');
    await expect.poll(() => error.textContent()).toMatch(/line 1, column 1/i);
    expect(await error.textContent()).toContain('Join');
    expect(await message.locator('.tok-error').count()).toBe(1);

    await box.fill('');
    await box.pressSequentially('NormalizeDia');
    await message.getByRole('option', { name: /NormalizeDiacritics/ }).waitFor();
    await box.press('Enter');
    await box.pressSequentially('[giv');
    await message.getByRole('option', { name: /givenName/ }).waitFor();
    await box.press('Enter');
    await box.pressSequentially(')');
    expect(await box.inputValue()).toBe('NormalizeDiacritics([givenName])');
    await expect.poll(() => message.getByTestId('expression-preview').textContent()).toBe('"Ada"');
    await expect.poll(() => message.getByRole('alert').count()).toBe(0);
  });

  it('edits the graph from the keyboard and the toolbar: copy, paste, undo, redo, delete, layout, export, import', async () => {
    const page = b.page;
    await open('tools-demo');
    const before = await nodeCount();

    await select('greet');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await canvasNode(page, 'greet').locator('.node-title').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await canvasNode(page, 'action-1').waitFor();
    expect(await nodeCount()).toBe(before + 1);
    await page.keyboard.press('Control+z');
    await expect.poll(nodeCount).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(nodeCount).toBe(before + 1);
    await canvasNode(page, 'action-1').locator('.node-title').click();
    await page.keyboard.press('Delete');
    await expect.poll(nodeCount).toBe(before);
    await page.getByRole('button', { name: 'Undo (Ctrl Z)' }).click();
    await expect.poll(nodeCount).toBe(before + 1);
    await page.getByRole('button', { name: 'Redo (Ctrl Shift Z)' }).click();
    await expect.poll(nodeCount).toBe(before);

    // Tidy layout: ELK places every step top to bottom without overlaps: each edge's target
    // starts below where its source ends.
    await page.getByRole('button', { name: 'Tidy layout (Shift L)' }).click();
    await expect
      .poll(async () => {
        const boxes = Object.fromEntries(
          await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => [e.getAttribute('data-id') ?? '', e.getBoundingClientRect()] as const).map(([id, r]) => [id, { x: r.x, y: r.y, w: r.width, h: r.height }] as const)),
        );
        const list = Object.values(boxes);
        const overlap = list.some((a, i) => list.some((c, j) => j > i && a.x < c.x + c.w && c.x < a.x + a.w && a.y < c.y + c.h && c.y < a.y + a.h));
        const downward = demo.edges.every((e) => {
          const from = boxes[e.source];
          const to = boxes[e.target];
          return from !== undefined && to !== undefined && to.y >= from.y + from.h;
        });
        return !overlap && downward;
      })
      .toBe(true);

    // Export gives the definition JSON as the API takes it; importing an edited copy loads it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export definition JSON' }).click()]);
    const file = join(tmpdir(), `tools-demo-${Date.now()}.json`);
    await download.saveAs(file);
    const exported = z.object({ id: z.string(), nodes: z.array(z.object({ id: z.string(), data: z.record(z.string(), z.unknown()) }).loose()), edges: z.array(z.unknown()) }).loose().parse(JSON.parse(await readFile(file, 'utf8')));
    expect(exported.id).toBe('tools-demo');
    expect(exported.nodes.map((n) => n.id).sort()).toEqual(['end', 'greet', 'hold', 'route', 'start']);
    expect(exported.edges).toHaveLength(5);
    const relabelled = { ...exported, nodes: exported.nodes.map((n) => (n.id === 'hold' ? { ...n, data: { ...n.data, label: 'Imported hold' } } : n)) };
    await writeFile(file, JSON.stringify(relabelled));
    await page.locator('input[type="file"]').setInputFiles(file);
    await canvasNode(page, 'hold').getByText('Imported hold').waitFor();
  });

  it('shows the diff between revisions and how many runs are still in flight on older ones', async () => {
    const page = b.page;
    expect((await b.sys.api('POST', '/api/definitions/tools-demo/publish')).status).toBe(201);
    const started = await b.sys.api('POST', '/api/runs', { definitionId: 'tools-demo', people: [{ employeeId: 'E7', attributes: { department: 'Sales', country: 'FR', givenName: 'Zoe' } }] });
    const runId = startedRuns.parse(started.body).runs[0]?.id ?? '';

    await open('tools-demo');
    await select('hold');
    await page.getByLabel('Label').fill('Hold on');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published revision 2').waitFor();

    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('list', { name: 'Revisions' }).getByText('Revision 2').waitFor();
    await expect.poll(() => page.getByTestId('older-runs').textContent()).toContain('(r1: 1)');
    await page.getByLabel('Compare from').selectOption('1');
    await page.getByLabel('Compare with').selectOption('2');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const diff = page.getByTestId('revision-diff');
    await diff.getByText('hold (label)').waitFor();
    expect(await diff.locator('[data-kind="added"]').count()).toBe(0);

    await b.sys.client.workflow.getHandle(`run:${runId}`).terminate('test finished');
  });

  it('lists runs and filters them by person and status', async () => {
    const page = b.page;
    await page.getByRole('link', { name: 'Runs' }).click();
    const table = page.getByRole('table', { name: 'Runs' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await page.getByLabel('Employee id', { exact: true }).fill('E7');
    await page.getByLabel('Status').selectOption('terminated');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL('**/runs?employeeId=E7&status=terminated');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr .pill').textContent()).toBe('terminated');
    await page.getByLabel('Employee id', { exact: true }).fill('nobody');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No runs match').waitFor();
  });

  it('keeps a 300-node definition smooth: it opens, validates and drags without long stalls', async () => {
    const page = b.page;
    const count = 300;
    const ids = Array.from({ length: count }, (_, i) => (i === 0 ? 'start' : i === count - 1 ? 'end' : `step-${i}`));
    const big = definition(
      'big',
      ids.map((id, i) => {
        const position = { x: (i % 20) * 260, y: Math.floor(i / 20) * 160 };
        if (id === 'start') return { id, type: 'start' as const, position, data: {} };
        if (id === 'end') return { id, type: 'end' as const, position, data: {} };
        return { id, type: 'action' as const, position, data: { label: `Step ${i}`, action: 'core.log', params: { message: { expression: `Join(" ", "step", "${i}", [givenName])` } } } };
      }),
      ids.slice(1).map((id, i) => edge(ids[i] ?? '', id)),
    );
    expect((await b.sys.api('POST', '/api/definitions', big)).status).toBe(201);

    const opened = Date.now();
    await page.goto(`${b.baseUrl}/definitions/big`);
    // It opens at a readable zoom, drawing only the steps in view (the minimap shows all of them).
    await expect.poll(() => page.locator('.react-flow__minimap-node').count(), { timeout: 30_000 }).toBe(count);
    await canvasNode(page, 'step-21').waitFor();
    await page.getByRole('tab', { name: 'Problems' }).click();
    await page.getByText(/^The definition is valid/).waitFor();
    const openMs = Date.now() - opened;

    // Frame gaps while a node is dragged across the canvas.
    const target = canvasNode(page, 'step-21').locator('.node-title');
    const box = await target.boundingBox();
    if (!box) throw new Error('cannot see the node to drag');
    await page.evaluate(() => {
      const gaps: number[] = [];
      let last = performance.now();
      const tick = (t: number) => {
        gaps.push(t - last);
        last = t;
        if (gaps.length < 10_000) window.requestAnimationFrame(tick);
      };
      window.requestAnimationFrame(tick);
      Reflect.set(window, '__gaps', gaps);
    });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 30; i++) await page.mouse.move(box.x + box.width / 2 + i * 8, box.y + box.height / 2 + i * 4);
    await page.mouse.up();
    const gaps = z.array(z.number()).parse(await page.evaluate((): unknown => Reflect.get(window, '__gaps')));
    const sorted = [...gaps].sort((x, y) => x - y);
    const p90 = sorted[Math.floor(sorted.length * 0.9)] ?? 0;
    expect(openMs, 'opening the 300-node definition').toBeLessThan(20_000);
    expect(p90, `90th percentile frame gap while dragging (frames: ${gaps.length})`).toBeLessThan(120);
    await page.getByText('Unsaved changes').waitFor();
  });

  it('logged no console error on the way', () => {
    expect(b.errors).toEqual([]);
  });
});
