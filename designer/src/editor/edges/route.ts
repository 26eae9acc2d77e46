/**
 * Orthogonal edge routes that go around steps instead of behind them. An edge drawn behind a step
 * cannot be clicked (the click lands on the step, and Delete then removes the step), so an edge
 * takes the first of these routes that crosses no other step: the usual one, bending halfway
 * down; bending just below its source or just above its target; or down a free vertical lane
 * between steps. Only when every candidate is blocked does it keep the usual route.
 *
 * Pure geometry on canvas coordinates; the edge component feeds it the steps' measured boxes.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How far below a source or above a target a route turns: inside the gap between rows. */
export const turnMargin = 20;
/** Room a route keeps from a step it passes. */
const clearance = 6;

function crosses(a: Point, b: Point, r: Rect): boolean {
  const left = r.x - clearance;
  const right = r.x + r.width + clearance;
  const top = r.y - clearance;
  const bottom = r.y + r.height + clearance;
  if (a.x === b.x) {
    const [y1, y2] = a.y < b.y ? [a.y, b.y] : [b.y, a.y];
    return a.x > left && a.x < right && y1 < bottom && y2 > top;
  }
  const [x1, x2] = a.x < b.x ? [a.x, b.x] : [b.x, a.x];
  return a.y > top && a.y < bottom && x1 < right && x2 > left;
}

function isClear(points: readonly Point[], obstacles: readonly Rect[]): boolean {
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a === undefined || b === undefined) continue;
    if (obstacles.some((r) => crosses(a, b, r))) return false;
  }
  return true;
}

/** Drops repeated points and the middle of straight runs. */
function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last !== undefined && last.x === p.x && last.y === p.y) continue;
    const before = out[out.length - 2];
    if (before !== undefined && last !== undefined && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}

/**
 * The route from a source handle (on the bottom edge of its step) to a target handle (on the top
 * edge of its step), avoiding `obstacles` (every other step).
 */
export function routeEdge(source: Point, target: Point, obstacles: readonly Rect[]): Point[] {
  const s = source;
  const t = target;
  const below = s.y + turnMargin;
  const above = t.y - turnMargin;
  const via = (lane: number, y1: number, y2: number) => simplify([s, { x: s.x, y: y1 }, { x: lane, y: y1 }, { x: lane, y: y2 }, { x: t.x, y: y2 }, t]);
  const usual = via(t.x, (s.y + t.y) / 2, (s.y + t.y) / 2);
  const candidates: Point[][] = [];
  if (above > below) candidates.push(usual, via(t.x, below, below), via(s.x, above, above));
  // Lanes: beside each step in the way, nearest first.
  const top = Math.min(below, above);
  const bottom = Math.max(below, above);
  const lanes = new Set<number>([s.x, t.x]);
  for (const r of obstacles) {
    if (r.y > bottom || r.y + r.height < top) continue;
    lanes.add(r.x - turnMargin);
    lanes.add(r.x + r.width + turnMargin);
  }
  const cost = (lane: number) => Math.abs(s.x - lane) + Math.abs(lane - t.x);
  for (const lane of [...lanes].sort((a, b) => cost(a) - cost(b)).slice(0, 24)) candidates.push(via(lane, below, above));
  return candidates.find((c) => isClear(c, obstacles)) ?? (above > below ? usual : candidates[0] ?? usual);
}

/** An SVG path through the points, corners rounded. */
export function roundedPath(points: readonly Point[], radius = 8): string {
  const first = points[0];
  if (first === undefined) return '';
  let d = `M ${first.x} ${first.y}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i];
    const prev = points[i - 1];
    const next = points[i + 1];
    if (p === undefined || prev === undefined) continue;
    if (next === undefined) {
      d += ` L ${p.x} ${p.y}`;
      continue;
    }
    const r = Math.min(radius, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const into = { x: p.x - Math.sign(p.x - prev.x) * r, y: p.y - Math.sign(p.y - prev.y) * r };
    const out = { x: p.x + Math.sign(next.x - p.x) * r, y: p.y + Math.sign(next.y - p.y) * r };
    d += ` L ${into.x} ${into.y} Q ${p.x} ${p.y} ${out.x} ${out.y}`;
  }
  return d;
}

/** The point halfway along the route: where its label goes. */
export function midpoint(points: readonly Point[]): Point {
  const lengths = points.slice(1).map((p, i) => {
    const prev = points[i] ?? p;
    return Math.abs(p.x - prev.x) + Math.abs(p.y - prev.y);
  });
  let rest = lengths.reduce((a, b) => a + b, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const len = lengths[i] ?? 0;
    if (a === undefined || b === undefined) continue;
    if (rest <= len && len > 0) return { x: a.x + ((b.x - a.x) * rest) / len, y: a.y + ((b.y - a.y) * rest) / len };
    rest -= len;
  }
  return points[0] ?? { x: 0, y: 0 };
}
