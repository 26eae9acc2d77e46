/**
 * Edge routes (designer/src/editor/edges/route.ts): straight or bent halfway when nothing is in
 * the way, around a step that is, and always ending where the handles are.
 */
import { describe, expect, it } from 'vitest';
import { midpoint, routeEdge, type Point, type Rect } from '../../../../designer/src/editor/edges/route.ts';

function crossesAny(points: readonly Point[], rects: readonly Rect[]): boolean {
  return points.slice(1).some((b, i) => {
    const a = points[i] ?? b;
    return rects.some((r) => Math.max(a.x, b.x) > r.x && Math.min(a.x, b.x) < r.x + r.width && Math.max(a.y, b.y) > r.y && Math.min(a.y, b.y) < r.y + r.height);
  });
}

describe('routeEdge', () => {
  it('goes straight down to a step right below', () => {
    expect(routeEdge({ x: 100, y: 100 }, { x: 100, y: 160 }, [])).toEqual([{ x: 100, y: 100 }, { x: 100, y: 160 }]);
  });

  it('bends halfway between rows when the way is free', () => {
    expect(routeEdge({ x: 100, y: 100 }, { x: 400, y: 200 }, [])).toEqual([{ x: 100, y: 100 }, { x: 100, y: 150 }, { x: 400, y: 150 }, { x: 400, y: 200 }]);
  });

  it('goes around a step between its source and its target', () => {
    // A decision's default skipping a step of the same column.
    const between: Rect = { x: 0, y: 150, width: 220, height: 120 };
    const route = routeEdge({ x: 110, y: 100 }, { x: 110, y: 330 }, [between]);
    expect(crossesAny(route, [between])).toBe(false);
    expect(route[0]).toEqual({ x: 110, y: 100 });
    expect(route[route.length - 1]).toEqual({ x: 110, y: 330 });
    expect(route.every((p, i) => i === 0 || p.x === route[i - 1]?.x || p.y === route[i - 1]?.y)).toBe(true);
  });

  it('finds the middle of a route for its label', () => {
    expect(midpoint([{ x: 0, y: 0 }, { x: 0, y: 10 }, { x: 30, y: 10 }])).toEqual({ x: 10, y: 10 });
  });
});
