/**
 * Making room on opening (designer/src/editor/spread.ts): rows that overlap once measured move
 * down just enough, keep their order and alignment, and a graph without overlap is left alone.
 */
import { describe, expect, it } from 'vitest';
import { anyOverlap, rowGap, spreadRows, type Box } from '../../../designer/src/editor/spread.ts';

const box = (id: string, x: number, y: number, height = 130, width = 220): Box => ({ id, x, y, width, height });

describe('spreadRows', () => {
  it('leaves a graph without overlap as it is', () => {
    expect(spreadRows([box('a', 0, 0), box('b', 0, 200), box('c', 300, 0)])).toBeNull();
  });

  it('pushes each row below the tallest step above it, and the later rows with it', () => {
    // Steps 110 px apart but 130 px tall: the template grid before it was measured.
    const boxes = [box('start', 0, 0, 60), box('a', 0, 110), box('b', 300, 110, 160), box('c', 0, 220), box('d', 0, 330)];
    const moved = spreadRows(boxes);
    expect(moved).not.toBeNull();
    const placed = boxes.map((b) => ({ ...b, ...moved?.[b.id] }));
    expect(anyOverlap(placed)).toBe(false);
    const at = Object.fromEntries(placed.map((b) => [b.id, b]));
    // The row of a and b stays a row; the next row clears the taller of the two only where they share width.
    expect(at.a?.y).toBe(at.b?.y);
    expect(at.a?.y).toBe(110);
    expect(at.c?.y).toBe(110 + 130 + rowGap);
    expect(at.d?.y).toBe((at.c?.y ?? 0) + 130 + rowGap);
    expect(placed.map((b) => b.x)).toEqual(boxes.map((b) => b.x));
  });

  it('moves a step that covers its neighbour in the same row to the right', () => {
    const boxes = [box('a', 0, 0), box('b', 100, 0)];
    const moved = spreadRows(boxes);
    const placed = boxes.map((b) => ({ ...b, ...moved?.[b.id] }));
    expect(anyOverlap(placed)).toBe(false);
    expect(placed.map((b) => b.y)).toEqual([0, 0]);
  });
});
