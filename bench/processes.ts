/**
 * CPU time and memory of the processes under test, read from /proc (Linux): Tenure (worker and
 * API in one process), its Temporal dev server, Samba, scim2-server, and the benchmark itself (which
 * hosts the Graph, SMTP and HR peers and the drivers). A process is counted with its children, so a
 * server that forks helpers is measured whole. Sampled every second: peak RSS is the highest
 * sample, CPU seconds the difference between the first and last reading of a window.
 */
import { readFile, readdir } from 'node:fs/promises';

const clockTicks = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux.
const pageSize = 4096;

interface Reading {
  cpuSeconds: number;
  rssBytes: number;
}

async function readProc(pid: number): Promise<Reading | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const rssPages = Number(fields[21]);
    return { cpuSeconds: (utime + stime) / clockTicks, rssBytes: rssPages * pageSize };
  } catch {
    return undefined; // the process has ended
  }
}

export async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => []);
  const found: number[] = [];
  for (const t of tasks) {
    const text = await readFile(`/proc/${pid}/task/${t}/children`, 'utf8').catch(() => '');
    for (const c of text.split(' ')) if (c.trim() !== '') found.push(Number(c));
  }
  return found;
}

export async function commandOf(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ').trim();
}

/** A process and its descendants, except those measured on their own (`exclude`). */
async function treeOf(pid: number, exclude: ReadonlySet<number>): Promise<number[]> {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    const p = all[i];
    if (p === undefined) continue;
    for (const c of await childrenOf(p)) if (!exclude.has(c)) all.push(c);
  }
  return all;
}

export interface Tracked {
  name: string;
  pid: number;
}

export interface ProcessWindow {
  cpuSeconds: number;
  peakRssMiB: number;
  lastRssMiB: number;
}

export interface RssPoint {
  /** Seconds since the sampler started. */
  t: number;
  rssMiB: Record<string, number>;
}

export class ProcessSampler {
  readonly #tracked: Tracked[];
  readonly #started = Date.now();
  readonly series: RssPoint[] = [];
  #latest = new Map<string, Reading>();
  #windows = new Map<string, { first: Map<string, Reading>; peak: Map<string, number> }>();
  #timer: NodeJS.Timeout | undefined;
  #sampling: Promise<void> = Promise.resolve();

  constructor(tracked: Tracked[]) {
    this.#tracked = tracked;
  }

  async sample(): Promise<void> {
    const own = new Set(this.#tracked.map((t) => t.pid));
    const now = new Map<string, Reading>();
    for (const t of this.#tracked) {
      let cpu = 0;
      let rss = 0;
      let alive = false;
      for (const pid of await treeOf(t.pid, own)) {
        const r = await readProc(pid);
        if (!r) continue;
        alive = true;
        cpu += r.cpuSeconds;
        rss += r.rssBytes;
      }
      if (alive) now.set(t.name, { cpuSeconds: cpu, rssBytes: rss });
    }
    this.#latest = now;
    this.series.push({ t: (Date.now() - this.#started) / 1000, rssMiB: Object.fromEntries([...now].map(([k, v]) => [k, mib(v.rssBytes)])) });
    for (const w of this.#windows.values()) for (const [k, v] of now) w.peak.set(k, Math.max(w.peak.get(k) ?? 0, v.rssBytes));
  }

  start(intervalMs = 1000): void {
    this.#timer = setInterval(() => {
      this.#sampling = this.#sampling.then(() => this.sample());
    }, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#sampling;
  }

  /** Opens a measuring window (a part of the benchmark). */
  async open(name: string): Promise<void> {
    await this.sample();
    this.#windows.set(name, { first: new Map(this.#latest), peak: new Map([...this.#latest].map(([k, v]) => [k, v.rssBytes])) });
  }

  /** Closes the window: CPU seconds used and peak RSS per process during it. */
  async close(name: string): Promise<Record<string, ProcessWindow>> {
    await this.sample();
    const w = this.#windows.get(name);
    this.#windows.delete(name);
    if (!w) throw new Error(`no measuring window ${name}`);
    const out: Record<string, ProcessWindow> = {};
    for (const [k, last] of this.#latest) {
      const first = w.first.get(k) ?? { cpuSeconds: 0, rssBytes: 0 };
      out[k] = { cpuSeconds: round(last.cpuSeconds - first.cpuSeconds, 2), peakRssMiB: mib(w.peak.get(k) ?? last.rssBytes), lastRssMiB: mib(last.rssBytes) };
    }
    return out;
  }
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
export const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
