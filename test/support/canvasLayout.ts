/**
 * How a canvas is drawn, read from the DOM of a page showing one: the zoom and every step's box on
 * screen, once the view has stopped moving; and which boxes overlap. For browser tests that assert
 * a graph opens readable.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { z } from 'zod';

/** The designer's readable zoom (designer/src/editor/viewport.ts). */
export const readableZoom = 0.75;

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const drawn = z.object({ zoom: z.number(), nodes: z.array(z.object({ id: z.string(), x: z.number(), y: z.number(), width: z.number(), height: z.number() })) });
export type DrawnCanvas = z.infer<typeof drawn>;

/** The zoom (the viewport's scale) and each step's box on screen. */
export async function drawnCanvas(page: Page): Promise<DrawnCanvas> {
  return drawn.parse(
    await page.evaluate(() => {
      const viewport = document.querySelector('.react-flow__viewport');
      const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 0;
      const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.dataset.id ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      });
      return { zoom, nodes };
    }),
  );
}

/** The canvas once it shows `nodes` steps and has stopped moving (opening measures, makes room, then fits). */
export async function settledCanvas(page: Page, nodes: number): Promise<DrawnCanvas> {
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(nodes);
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await drawnCanvas(page));
      const settled = now === last;
      last = now;
      return settled;
    })
    .toBe(true);
  return drawn.parse(JSON.parse(last));
}

/** The pairs of boxes that overlap, as "a × b". */
export function overlapping(boxes: readonly Box[]): string[] {
  const pairs: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((c) => {
      if (a.x < c.x + c.width && c.x < a.x + a.width && a.y < c.y + c.height && c.y < a.y + a.height) pairs.push(`${a.id} × ${c.id}`);
    }),
  );
  return pairs;
}
