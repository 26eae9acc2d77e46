/**
 * Makes room between steps that overlap once drawn, from their measured sizes. A stored draft
 * places its steps in rows (the built-in templates on a grid, an admin wherever they dropped
 * them); how tall a step draws depends on its label, its summary and the fonts, which the server
 * cannot know. So the canvas measures first and then pushes rows down (and crowded steps of a row
 * to the right) until nothing overlaps: rows, columns and their order stay as drawn, only the
 * gaps grow. A graph that does not overlap is left exactly as it is.
 */

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept between a step and the one below it or beside it: an edge and its label fit. */
export const rowGap = 48;
export const columnGap = 32;

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function anyOverlap(boxes: readonly Box[]): boolean {
  const sorted = [...boxes].sort((a, b) => a.y - b.y);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    if (a === undefined) continue;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j];
      if (b === undefined || b.y >= a.y + a.height) break;
      if (overlaps(a, b)) return true;
    }
  }
  return false;
}

/**
 * New positions for every box so none overlaps, or null when none overlaps already.
 * Boxes with the same top form a row; each row moves down by as much as it needs to clear every
 * box above it that shares some of its width (plus the row gap), and every later row moves with
 * it, so the rows keep their order and alignment.
 */
export function spreadRows(boxes: readonly Box[]): Record<string, { x: number; y: number }> | null {
  if (!anyOverlap(boxes)) return null;
  const rows = new Map<number, Box[]>();
  for (const b of boxes) rows.set(b.y, [...(rows.get(b.y) ?? []), b]);
  const placed: Box[] = [];
  const positions: Record<string, { x: number; y: number }> = {};
  let shift = 0;
  for (const top of [...rows.keys()].sort((a, b) => a - b)) {
    // Within a row, a step that would cover its left neighbour moves right.
    const row: Box[] = [];
    for (const b of [...(rows.get(top) ?? [])].sort((p, q) => p.x - q.x)) {
      const left = row[row.length - 1];
      const x = left !== undefined && b.x < left.x + left.width + columnGap ? left.x + left.width + columnGap : b.x;
      row.push({ ...b, x });
    }
    let y = top + shift;
    for (const b of row) {
      for (const above of placed) {
        if (above.x < b.x + b.width && b.x < above.x + above.width) y = Math.max(y, above.y + above.height + rowGap);
      }
    }
    shift = y - top;
    for (const b of row) {
      const moved = { ...b, y };
      placed.push(moved);
      positions[b.id] = { x: moved.x, y: moved.y };
    }
  }
  return positions;
}
