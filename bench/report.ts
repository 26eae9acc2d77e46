/**
 * The benchmark's result: one JSON document, and the readable summary printed from it. The summary
 * sets each figure beside the performance budget of DESIGN.md; it reports, it never fails a run.
 */
import type { BulkResult } from './bulk.ts';
import type { FloorResult } from './floor.ts';
import type { HistoryCost } from './histories.ts';
import type { HireProfile } from './profile.ts';
import type { LatencyResult } from './latency.ts';
import type { ProcessWindow } from './processes.ts';
import type { Distribution } from './stats.ts';
import type { WaitingResult } from './waiting.ts';

export interface Warnings {
  warn: number;
  error: number;
  slowTasks: number;
  samples: string[];
}

interface PartCommon {
  /** Wall time of the part, in seconds. */
  seconds: number;
  processes: Record<string, ProcessWindow>;
  /** Tenure's log lines at warn and above during the part. */
  warnings: Warnings;
}

export interface BenchResult {
  label: string | undefined;
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  commit: { sha: string; dirty: boolean };
  options: Record<string, unknown>;
  /** What every connection's limits were: `--limits`, or each kind's own defaults. */
  connectionLimits: string;
  latency?: Omit<LatencyResult, 'employeeIds'> & PartCommon & { temporal: HistoryCost; profile: HireProfile };
  floor?: Omit<FloorResult, 'completions'> & PartCommon;
  bulk?: Omit<BulkResult, 'completions'> & PartCommon & { temporal: HistoryCost; profile: HireProfile; cpuSecondsPerHire: Record<string, number> };
  /** Tenure's time over the floor's for the same number of people (from the rates when the sizes differ). */
  ratio?: { tenurePerSecond: number; floorPerSecond: number; ratio: number };
  waiting?: WaitingResult & PartCommon & { rssOnceWaitingMiB: Record<string, number> };
  /** The RSS samples of the whole run, for the chart. */
  marks: { t: number; label: string }[];
}

const s = (n: number | null | undefined, digits = 2) => (n === null || n === undefined ? '—' : n.toFixed(digits));
const dist = (d: Distribution) => `p50 ${s(d.p50)} s · p95 ${s(d.p95)} s · max ${s(d.max)} s (${d.count})`;

function processLines(processes: Record<string, ProcessWindow>): string[] {
  return Object.entries(processes).map(([name, p]) => `    ${name.padEnd(10)} ${s(p.cpuSeconds, 1).padStart(8)} CPU-s   peak ${String(p.peakRssMiB).padStart(6)} MiB   end ${String(p.lastRssMiB).padStart(6)} MiB`);
}

function costLine(t: HistoryCost): string {
  return `  Temporal per hire (${t.sampled} sampled): ${t.actions} actions, ${t.historyEvents} history events, ${t.activities} activities, ${t.localActivities} local activities, ${t.workflowTasks} workflow tasks, ${t.timers} timers, ${t.workflows} workflows`;
}

function profileLines(p: HireProfile): string[] {
  const ms = (n: number) => `${n} ms`.padStart(8);
  const out = [`  where a hire's time goes (${p.sampled} sampled): HR event → run started ${p.personToRunMs} ms; run ${p.runMs} ms; per hire: calls × (wait for a worker + run) = total`];
  const row = (name: string, t: HireProfile['workflowTasks']) => `    ${name.padEnd(34)} ${String(t.calls).padStart(5)} × (${ms(t.waitMs)} + ${ms(t.runMs)}) = ${ms(t.totalMs)}`;
  out.push(row('workflow tasks', p.workflowTasks));
  for (const [name, t] of Object.entries(p.activities)) out.push(row(name, t));
  return out;
}

function warningLine(w: Warnings): string {
  return `  Tenure log: ${w.warn} warnings, ${w.error} errors, ${w.slowTasks} slow-workflow-task lines${w.samples[0] !== undefined ? `; e.g. ${w.samples[0]}` : ''}`;
}

export function summary(r: BenchResult): string {
  const out: string[] = [];
  out.push(`Tenure benchmark ${r.label ?? ''} — ${r.startedAt} → ${r.finishedAt}`);
  out.push(`machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${s(r.machine.memoryGiB, 1)} GiB, ${r.machine.os}, Node ${r.machine.node}; load ${r.machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')} at start`);
  out.push(`commit ${/^[0-9a-f]{40}$/.test(r.commit.sha) ? r.commit.sha.slice(0, 12) : r.commit.sha}${r.commit.dirty ? ' (with uncommitted changes)' : ''}; connection limits: ${r.connectionLimits}`);
  if (r.latency) {
    const l = r.latency;
    out.push('', `LATENCY — ${l.hires} single hires (POST /api/hr/events), 202 → target shows it${l.unfinished > 0 ? `; ${l.unfinished} unfinished` : ''}`);
    out.push(`  all accounts enabled  ${dist(l.accounts)}`);
    for (const [t, d] of Object.entries(l.perTarget)) out.push(`  ${t.padEnd(21)} ${dist(d)}`);
    out.push(`  complete              ${dist(l.complete)}`);
    out.push(`  202 answered in       ${dist(l.accept)}`);
    out.push(costLine(l.temporal));
    out.push(...profileLines(l.profile));
    out.push(`  Graph requests per hire: ${s(l.graphRequests.perHire, 1)} (${Object.entries(l.graphRequests.byRequest).map(([r, n]) => `${r} ×${s(n, 1)}`).join(', ')})`);
    out.push(warningLine(l.warnings));
  }
  if (r.floor) {
    const f = r.floor;
    out.push('', `FLOOR — the same operations for ${f.people} other people with no engine, ${f.concurrency} at a time`);
    out.push(`  ${s(f.seconds, 1)} s, ${s(f.hiresPerSecond, 2)} hires/s, ${s(f.operationsPerPerson, 1)} operations per person; one person ${dist(f.perPerson)}${f.failed > 0 ? `; ${f.failed} failed: ${f.firstError ?? ''}` : ''}`);
    out.push(...processLines(f.processes));
  }
  if (r.bulk) {
    const b = r.bulk;
    out.push('', `BULK — ${b.hires} hires through POST /api/inbound/scim/bulkUpload (${b.requests} requests of ≤ 50, ${b.senders} senders)`);
    out.push(`  accepted ${b.accepted}${b.notAccepted > 0 ? ` (${b.notAccepted} not accepted${b.refusal !== undefined ? `: ${b.refusal}` : ''})` : ''} in ${s(b.acceptSeconds, 1)} s = ${s(b.acceptPerSecond, 1)} records/s; request ${dist(b.requestLatency)}${b.retried > 0 ? `; ${b.retried} retried after 429/503` : ''}`);
    out.push(`  ${b.completed}/${b.hires} complete${b.finished ? '' : ' (timed out)'}; last account at ${s(b.lastAccountSeconds, 1)} s, last complete at ${s(b.completeSeconds, 1)} s = ${s(b.hiresPerSecond, 2)} hires/s`);
    out.push(costLine(b.temporal));
    out.push(...profileLines(b.profile));
    out.push(`  CPU-s per hire: ${Object.entries(b.cpuSecondsPerHire).map(([k, v]) => `${k} ${s(v, 3)}`).join(', ')}`);
    out.push(...processLines(b.processes));
    out.push(warningLine(b.warnings));
  }
  if (r.ratio) out.push('', `RATIO — Tenure / floor = ${s(r.ratio.ratio, 2)} (Tenure ${s(r.ratio.tenurePerSecond, 2)} hires/s, floor ${s(r.ratio.floorPerSecond, 2)} hires/s)`);
  if (r.waiting) {
    const w = r.waiting;
    out.push('', `WAITING — ${w.people} people hired for ${w.hireDate}`);
    out.push(`  accepted ${w.accepted} in ${s(w.acceptSeconds, 1)} s = ${s(w.acceptPerSecond, 1)} records/s; all waiting after ${s(w.allWaitingSeconds, 1)} s (${w.runningPersonWorkflows ?? '?'} person workflows running)`);
    out.push(`  RSS once all wait: ${Object.entries(w.rssOnceWaitingMiB).map(([k, v]) => `${k} ${v} MiB`).join(', ')}`);
    out.push(`  a date that arrives: run started after ${s(w.dateArrives.runStartedSeconds)} s, accounts enabled after ${s(w.dateArrives.accountsSeconds)} s${w.dateArrives.error !== undefined ? ` (${w.dateArrives.error})` : ''}`);
    out.push(...processLines(w.processes));
    out.push(warningLine(w.warnings));
  }
  out.push('', 'BUDGET (DESIGN.md) — figure / goal');
  if (r.ratio) out.push(`  Tenure/floor                 ${s(r.ratio.ratio, 2)} / < 2`);
  if (r.latency) out.push(`  single hire p95              ${s(r.latency.accounts.p95)} s / < 1 s`);
  if (r.bulk) out.push(`  intake                       ${s(r.bulk.acceptPerSecond, 1)} records/s / ≥ 400`);
  if (r.bulk) out.push(`  ${`${r.bulk.hires} hires provisioned`.padEnd(28)} ${s(r.bulk.completeSeconds, 0)} s / 10,000 in < 600 s`);
  if (r.waiting) {
    // The budget is for the worker and for Temporal; the `all` process also holds the API and PGlite.
    const rss = r.waiting.rssOnceWaitingMiB;
    const worker = rss['tenure-worker'] !== undefined ? ['worker RSS', rss['tenure-worker']] : ['Tenure RSS (all)', rss.tenure];
    out.push(`  ${`${r.waiting.people} waiting, ${worker[0]}`.padEnd(28)} ${worker[1] ?? '—'} MiB / 50,000 under 1024 MiB`);
    out.push(`  ${`${r.waiting.people} waiting, Temporal RSS`.padEnd(28)} ${rss.temporal ?? '—'} MiB / 50,000 under 1024 MiB`);
  }
  return out.join('\n');
}
