/**
 * The benchmark's chart, as a self-contained SVG: hires completed over time (Tenure's bulk run
 * beside the no-engine floor), and each process's memory over the whole run with the parts marked.
 */

export interface Line {
  label: string;
  points: readonly (readonly [number, number])[];
}

export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  lines: Line[];
  /** Vertical marks (e.g. where each part began). */
  marks?: { x: number; label: string }[];
}

const colours = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf'];
const width = 900;
const panelHeight = 320;
const margin = { left: 70, right: 180, top: 40, bottom: 50 };

const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A round step for about five ticks up to `max`. */
function step(max: number): number {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const m = raw / magnitude;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * magnitude;
}

function panel(p: Panel, top: number): string {
  const plotW = width - margin.left - margin.right;
  const plotH = panelHeight - margin.top - margin.bottom;
  const all = p.lines.flatMap((l) => l.points);
  const maxX = Math.max(1, ...all.map(([x]) => x), ...(p.marks ?? []).map((m) => m.x));
  const maxY = Math.max(1, ...all.map(([, y]) => y));
  const sx = (x: number) => margin.left + (x / maxX) * plotW;
  const sy = (y: number) => top + margin.top + plotH - (y / maxY) * plotH;
  const out: string[] = [];
  out.push(`<text x="${margin.left}" y="${top + 24}" font-size="16" font-weight="bold">${escape(p.title)}</text>`);
  out.push(`<rect x="${margin.left}" y="${top + margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  for (let x = 0, s = step(maxX); x <= maxX; x += s) {
    out.push(`<line x1="${sx(x)}" x2="${sx(x)}" y1="${top + margin.top + plotH}" y2="${top + margin.top + plotH + 5}" stroke="#999"/>`);
    out.push(`<text x="${sx(x)}" y="${top + margin.top + plotH + 18}" font-size="11" text-anchor="middle">${Math.round(x * 10) / 10}</text>`);
  }
  for (let y = 0, s = step(maxY); y <= maxY; y += s) {
    out.push(`<line x1="${margin.left - 5}" x2="${margin.left + plotW}" y1="${sy(y)}" y2="${sy(y)}" stroke="#eee"/>`);
    out.push(`<text x="${margin.left - 8}" y="${sy(y) + 4}" font-size="11" text-anchor="end">${Math.round(y * 10) / 10}</text>`);
  }
  out.push(`<text x="${margin.left + plotW / 2}" y="${top + panelHeight - 8}" font-size="12" text-anchor="middle">${escape(p.xLabel)}</text>`);
  out.push(`<text x="16" y="${top + margin.top + plotH / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 16 ${top + margin.top + plotH / 2})">${escape(p.yLabel)}</text>`);
  (p.marks ?? []).forEach((m, i) => {
    out.push(`<line x1="${sx(m.x)}" x2="${sx(m.x)}" y1="${top + margin.top}" y2="${top + margin.top + plotH}" stroke="#bbb" stroke-dasharray="4 3"/>`);
    // Staggered, so the labels of parts that began close together stay readable.
    out.push(`<text x="${sx(m.x) + 3}" y="${top + margin.top + 12 + (i % 3) * 12}" font-size="10" fill="#666">${escape(m.label)}</text>`);
  });
  p.lines.forEach((l, i) => {
    const colour = colours[i % colours.length] ?? '#000';
    if (l.points.length > 0) out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${l.points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}"/>`);
    const ly = top + margin.top + 14 + i * 18;
    out.push(`<rect x="${width - margin.right + 12}" y="${ly - 9}" width="12" height="12" fill="${colour}"/>`);
    out.push(`<text x="${width - margin.right + 30}" y="${ly + 1}" font-size="12">${escape(l.label)}</text>`);
  });
  return out.join('\n');
}

export function chartSvg(title: string, panels: Panel[]): string {
  const height = 40 + panels.length * panelHeight;
  const body = panels.map((p, i) => panel(p, 40 + i * panelHeight)).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${margin.left}" y="26" font-size="18" font-weight="bold">${escape(title)}</text>
${body}
</svg>
`;
}

/** Cumulative count over time from sorted completion times, as steps, thinned to at most ~500 steps. */
export function cumulative(times: readonly number[]): [number, number][] {
  const every = Math.max(1, Math.floor(times.length / 500));
  const points: [number, number][] = [[0, 0]];
  let count = 0;
  times.forEach((t, i) => {
    if (i % every !== 0 && i !== times.length - 1) return;
    points.push([t, count], [t, i + 1]);
    count = i + 1;
  });
  return points;
}

/** At most about `max` of the points, evenly spaced, the last one kept. */
export function thin<T>(points: readonly T[], max = 600): T[] {
  const every = Math.max(1, Math.ceil(points.length / max));
  return points.filter((_, i) => i % every === 0 || i === points.length - 1);
}
