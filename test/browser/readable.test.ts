/**
 * The built-in templates open readable, in real Chromium against the real server: no two steps
 * overlap as drawn, the zoom stays readable (the rest is a pan away), the graph reads top to
 * bottom, no edge runs behind a step, a click on an edge selects that edge and Delete removes it
 * alone, the steps say what they do, and Tidy keeps all of that.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtInTemplates, seedTemplates } from '../../server/templates/seed.ts';
import { canvasNode, screenshotDir, useBrowserSystem } from '../support/browser.ts';

/** The designer's readable zoom (designer/src/editor/viewport.ts). */
const readableZoom = 0.75;

// Seeded as `tenure start` seeds them.
const b = useBrowserSystem((started) => seedTemplates(started.sys.definitions));

const templates = builtInTemplates();

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const canvasState = z.object({
  zoom: z.number(),
  nodes: z.array(z.object({ id: z.string(), x: z.number(), y: z.number(), width: z.number(), height: z.number() })),
  edges: z.number(),
  /** Points of an edge's drawn path (away from its ends) that lie inside a step's box. */
  behind: z.array(z.object({ edge: z.string(), node: z.string() })),
});

type Ends = Record<string, { source: string; target: string }>;

/** What the canvas draws, read from the DOM: the zoom, every step's box on screen, and the edges. */
async function readCanvas(page: Page, ends: Ends = {}) {
  return canvasState.parse(
    await page.evaluate((ends) => {
      const viewport = document.querySelector('.react-flow__viewport');
      const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 0;
      const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.dataset.id ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      });
      const behind: { edge: string; node: string }[] = [];
      const drawn = document.querySelectorAll<SVGGElement>('.react-flow__edge');
      for (const g of drawn) {
        const id = g.dataset.id ?? '';
        const { source, target } = ends[id] ?? { source: '', target: '' };
        const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
        const matrix = path?.getScreenCTM();
        if (!path || !matrix) continue;
        const total = path.getTotalLength();
        for (let d = 14; d < total - 14; d += 6) {
          const p = new DOMPoint(path.getPointAtLength(d).x, path.getPointAtLength(d).y).matrixTransform(matrix);
          const hit = nodes.find((n) => n.id !== source && n.id !== target && p.x > n.x + 1 && p.x < n.x + n.width - 1 && p.y > n.y + 1 && p.y < n.y + n.height - 1);
          if (hit) {
            behind.push({ edge: id, node: hit.id });
            break;
          }
        }
      }
      return { zoom, nodes, edges: drawn.length, behind };
    }, ends),
  );
}

function overlapping(boxes: readonly Box[]): string[] {
  const pairs: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((c) => {
      if (a.x < c.x + c.width && c.x < a.x + a.width && a.y < c.y + c.height && c.y < a.y + a.height) pairs.push(`${a.id} × ${c.id}`);
    }),
  );
  return pairs;
}

/** Edges whose target step starts above where its source step starts: the graph does not read downward there. */
function upward(state: z.infer<typeof canvasState>, edges: readonly { source: string; target: string }[]): string[] {
  const at = new Map(state.nodes.map((n) => [n.id, n]));
  return edges.flatMap((e) => {
    const s = at.get(e.source);
    const t = at.get(e.target);
    return s && t && t.y <= s.y ? [`${e.source} → ${e.target}`] : [];
  });
}

const endsOf = (edges: readonly { id: string; source: string; target: string }[]): Ends => Object.fromEntries(edges.map((e) => [e.id, { source: e.source, target: e.target }]));

async function open(id: string, nodes: number) {
  await b.page.goto(`${b.baseUrl}/definitions/${id}`);
  await expect.poll(() => b.page.locator('.react-flow__node').count()).toBe(nodes);
  // Opening measures, makes room, then fits: wait until the view stops moving.
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await readCanvas(b.page));
      const settled = now === last;
      last = now;
      return settled;
    })
    .toBe(true);
}

/** Drags the canvas by an empty spot until the point is in the middle of the canvas. */
async function bringIntoView(page: Page, point: { x: number; y: number }) {
  const pane = await page.locator('.react-flow').boundingBox();
  if (!pane) throw new Error('no canvas on the page');
  const grab = await page.evaluate((area) => {
    for (let y = area.y + 20; y < area.y + area.height - 20; y += 15) {
      for (let x = area.x + 20; x < area.x + area.width - 20; x += 15) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  }, pane);
  if (!grab) throw new Error('no empty spot to drag the canvas by');
  const dx = pane.x + pane.width / 2 - point.x;
  const dy = pane.y + pane.height / 2 - point.y;
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + dx / 2, grab.y + dy / 2, { steps: 4 });
  await page.mouse.move(grab.x + dx, grab.y + dy, { steps: 4 });
  await page.mouse.up();
}

/** A point halfway along the edge's drawn path, on screen. */
async function edgeMidpoint(page: Page, edgeId: string) {
  return z.object({ x: z.number(), y: z.number() }).parse(
    await page.locator(`.react-flow__edge[data-id="${edgeId}"] path.react-flow__edge-path`).evaluate((el) => {
      if (!(el instanceof SVGPathElement)) throw new Error('not a path');
      const matrix = el.getScreenCTM();
      if (!matrix) throw new Error('the edge is not drawn');
      const p = el.getPointAtLength(el.getTotalLength() / 2);
      const s = new DOMPoint(p.x, p.y).matrixTransform(matrix);
      return { x: s.x, y: s.y };
    }),
  );
}

describe('built-in templates in the designer', () => {
  it('seeds every built-in template', async () => {
    const listed = z.object({ definitions: z.array(z.object({ id: z.string() }).loose()) }).parse((await b.sys.api('GET', '/api/definitions')).body);
    expect(listed.definitions.map((d) => d.id).sort()).toEqual(templates.map((t) => t.id).sort());
  });

  for (const template of templates) {
    it(`${template.name} opens with no overlapping steps, at a readable zoom, top to bottom, no edge behind a step`, async () => {
      await open(template.id, template.nodes.length);
      const state = await readCanvas(b.page, endsOf(template.edges));
      expect(state.nodes).toHaveLength(template.nodes.length);
      expect(state.edges).toBe(template.edges.length);
      expect(overlapping(state.nodes)).toEqual([]);
      expect(state.zoom).toBeGreaterThanOrEqual(readableZoom);
      // The step labels are at least 9 px on screen.
      const title = await canvasNode(b.page, 'start').locator('.node-title').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(title * state.zoom).toBeGreaterThanOrEqual(9);
      expect(upward(state, template.edges)).toEqual([]);
      expect(state.behind).toEqual([]);
      // Nothing was edited by opening it.
      await b.page.getByText(/^Saved \(version/).waitFor();
      await b.page.screenshot({ path: join(screenshotDir, `${template.id}.png`) });
    });
  }

  it('says what each step does: a setting its value, a decision its first condition, an action its connection and key parameter', async () => {
    const page = b.page;
    const joiner = templates.find((t) => t.lifecycle === 'joiner');
    if (!joiner) throw new Error('no joiner template');
    await open(joiner.id, joiner.nodes.length);
    const summary = (id: string) => canvasNode(page, id).getByTestId('node-summary').textContent();
    expect(await summary('setting-upnSuffix')).toBe('upnSuffix = example.com');
    expect(await summary('setting-helpdeskMailbox')).toBe('helpdeskMailbox = it-helpdesk@example.com');
    expect(await summary('appScope')).toBe('inScope if employeeType is not "Contractor"');
    expect(await summary('managerActive')).toBe('active if findManager.found is true and 1 more');
    expect(await summary('addGroups')).toMatch(/^groups = /);
    expect(await canvasNode(page, 'addGroups').locator('.chip').textContent()).toBe('ad');
    expect(await summary('welcome')).toBe('subject = Welcome {{person.displayName}}: their accounts are ready');
    expect(await canvasNode(page, 'welcome').locator('.chip').textContent()).toBe('mail');
    expect(await summary('setPassword')).toBe('anchor = [employeeId]');
  });

  it('selects an edge that is clicked, not the step beneath, and Delete removes only that edge', async () => {
    const page = b.page;
    const joiner = templates.find((t) => t.lifecycle === 'joiner');
    if (!joiner) throw new Error('no joiner template');
    await open(joiner.id, joiner.nodes.length);
    // The manager steps' way around: a long edge from the decision past the manager's column.
    const edgeId = 'managerRule.default.waitHireDate';
    await bringIntoView(page, await edgeMidpoint(page, edgeId));
    const at = await edgeMidpoint(page, edgeId);
    const under = await page.evaluate((p) => document.elementFromPoint(p.x, p.y)?.closest('.react-flow__edge, .react-flow__node')?.getAttribute('data-id') ?? null, at);
    expect(under).toBe(edgeId);

    const edges = await page.locator('.react-flow__edge').count();
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.locator(`.react-flow__edge[data-id="${edgeId}"]`).getAttribute('class')).toContain('selected');
    expect(await page.locator('.react-flow__node.selected').count()).toBe(0);
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(edges - 1);
    expect(await page.locator(`.react-flow__edge[data-id="${edgeId}"]`).count()).toBe(0);
    expect(await page.locator('.react-flow__node').count()).toBe(joiner.nodes.length);
    await page.getByText('Unsaved changes').waitFor();
  });

  it('Tidy lays a template out top to bottom with no overlaps and a readable zoom', async () => {
    const page = b.page;
    const leaver = templates.find((t) => t.lifecycle === 'leaver');
    if (!leaver) throw new Error('no leaver template');
    await open(leaver.id, leaver.nodes.length);
    const before = await readCanvas(page);
    await page.getByRole('button', { name: 'Tidy layout (Shift L)' }).click();
    await expect.poll(async () => JSON.stringify((await readCanvas(page)).nodes) !== JSON.stringify(before.nodes)).toBe(true);
    let last = '';
    await expect
      .poll(async () => {
        const now = JSON.stringify(await readCanvas(page));
        const settled = now === last;
        last = now;
        return settled;
      })
      .toBe(true);
    const after = await readCanvas(page, endsOf(leaver.edges));
    expect(overlapping(after.nodes)).toEqual([]);
    expect(upward(after, leaver.edges)).toEqual([]);
    expect(after.zoom).toBeGreaterThanOrEqual(readableZoom);
    // Layered downward: the start is the top step, and the graph is taller than it is wide.
    const start = after.nodes.find((n) => n.id === 'start');
    expect(start?.y).toBe(Math.min(...after.nodes.map((n) => n.y)));
    const width = Math.max(...after.nodes.map((n) => n.x + n.width)) - Math.min(...after.nodes.map((n) => n.x));
    const height = Math.max(...after.nodes.map((n) => n.y + n.height)) - Math.min(...after.nodes.map((n) => n.y));
    expect(height).toBeGreaterThan(width);
    expect(after.behind).toEqual([]);
  });

  it('logged no console error on the way', () => {
    expect(b.errors).toEqual([]);
  });
});
