/**
 * `npm run bench`: Tenure measured against a no-engine floor, on this machine, in one run. Starts
 * the stack (stack.ts), runs the chosen parts in order — latency, floor, bulk, waiting — and writes
 * the result as JSON, a readable summary and an SVG chart under bench/results/. It prints figures
 * and asserts nothing about time: a slow run is a finding, not a failure.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { directoryLimits } from '../activities/directory/settings.ts';
import { entraConfig } from '../activities/entra/connector.ts';
import { limitsSchema } from '../activities/limits.ts';
import { runBulk } from './bulk.ts';
import { chartSvg, cumulative, thin, type Panel } from './chart.ts';
import { runFloor } from './floor.ts';
import { historyCost, readHistories } from './histories.ts';
import { hireProfile } from './profile.ts';
import { runLatency } from './latency.ts';
import { parseOptions, usage, type BenchOptions, type BenchPart } from './options.ts';
import { childrenOf, commandOf, ProcessSampler, round, type Tracked } from './processes.ts';
import type { BenchResult, Warnings } from './report.ts';
import { summary } from './report.ts';
import { startBenchStack, type BenchStack } from './stack.ts';
import { runWaiting } from './waiting.ts';

const say = (line: string) => console.log(`bench: ${line}`);

/** The commit measured; a copy of the tree without git says so rather than failing the run. */
async function commit(): Promise<{ sha: string; dirty: boolean }> {
  const git = async (...args: string[]) => (await promisify(execFile)('git', args, { cwd: join(import.meta.dirname, '..') })).stdout.trim();
  try {
    return { sha: await git('rev-parse', 'HEAD'), dirty: (await git('status', '--porcelain', '--untracked-files=no')) !== '' };
  } catch {
    return { sha: 'unknown (not a git checkout)', dirty: false };
  }
}

/** The processes to measure: Tenure's own, its Temporal (and PostgreSQL when split), and the targets this process started. */
async function trackedProcesses(stack: BenchStack): Promise<Tracked[]> {
  const tracked = await stack.tenure.processes();
  for (const pid of await childrenOf(process.pid)) {
    const command = await commandOf(pid);
    if (/\bsamba\b/.test(command)) tracked.push({ name: 'samba', pid });
    else if (command.includes('scim2-server')) tracked.push({ name: 'scim', pid });
  }
  // The benchmark itself: its drivers and the in-process Graph, SMTP and HR peers.
  tracked.push({ name: 'bench', pid: process.pid });
  return tracked;
}

/** Tenure's own processes: `tenure` (the `all` process), or `tenure-server` and `tenure-worker`. */
const isTenure = (name: string) => name === 'tenure' || name.startsWith('tenure-');

/** Warnings added to Tenure's log since `before`. */
function since(before: Warnings, after: Warnings): Warnings {
  return { warn: after.warn - before.warn, error: after.error - before.error, slowTasks: after.slowTasks - before.slowTasks, samples: after.samples.filter((l) => !before.samples.includes(l)) };
}

async function run(options: BenchOptions): Promise<void> {
  await mkdir(options.out, { recursive: true });
  const startedAt = new Date();
  const stamp = `${startedAt.toISOString().replace(/[:.]/g, '-').slice(0, 19)}${options.label !== undefined ? `-${options.label}` : ''}`;
  const loadAtStart = loadavg();
  say(`starting the stack (Samba, scim2-server, Graph, SMTP and HR peers, Tenure with its Temporal); Tenure's log goes to ${options.out}`);
  const measured = await commit();
  const stack = await startBenchStack(options.out, { split: options.split, ...(options.limits ? { limits: options.limits } : {}) });
  // Ctrl-C or a kill stops what the benchmark started: Samba, scim2-server and Tenure are its children.
  const interrupted = (signal: NodeJS.Signals) => {
    say(`${signal}: stopping the stack`);
    void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let sampler: ProcessSampler;
  try {
    sampler = new ProcessSampler(await trackedProcesses(stack));
  } catch (error) {
    await stack.stop();
    throw error;
  }
  sampler.start();
  const marks: { t: number; label: string }[] = [];
  const clockStart = Date.now();
  const timeoutMs = options.timeoutMinutes * 60_000;
  const result: BenchResult = {
    label: options.label,
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryGiB: totalmem() / 1024 ** 3, os: `${type()} ${release()}`, node: process.version, loadAverageAtStart: loadAtStart, loadAverageAtEnd: [] },
    commit: measured,
    options: { ...options },
    connectionLimits: options.limits ? `every connection ${options.limits.maxConcurrent} in flight, ${options.limits.perSecond}/s` : connectorDefaultLimits(),
    marks,
  };
  let floorCompletions: number[] = [];
  let bulkCompletions: number[] = [];

  /** Runs one part inside a measuring window. */
  const part = async <T>(name: BenchPart, body: () => Promise<T>) => {
    say(`${name}: starting`);
    marks.push({ t: (Date.now() - clockStart) / 1000, label: name });
    const warningsBefore = await stack.tenure.warnings();
    await sampler.open(name);
    const began = Date.now();
    const value = await body();
    const seconds = (Date.now() - began) / 1000;
    const processes = await sampler.close(name);
    const warnings = since(warningsBefore, await stack.tenure.warnings());
    say(`${name}: done in ${seconds.toFixed(1)} s`);
    return { ...value, seconds, processes, warnings };
  };
  const want = (p: BenchPart) => options.parts.includes(p);

  try {
    if (want('latency')) {
      const { employeeIds, ...latency } = await part('latency', () => runLatency(stack, options.latency, timeoutMs, say));
      const histories = await readHistories(stack, 'hr', employeeIds.slice(0, Math.max(1, options.sample)));
      result.latency = { ...latency, temporal: historyCost(histories), profile: hireProfile(histories) };
    }
    if (want('floor')) {
      const { completions, ...floor } = await part('floor', () => runFloor(stack, options.floor, options.concurrency, say));
      floorCompletions = completions;
      result.floor = floor;
    }
    if (want('bulk')) {
      const { completions, people, ...bulk } = await part('bulk', () => runBulk(stack, options.hires, options.senders, timeoutMs, say));
      bulkCompletions = completions;
      say(`bulk: reading ${Math.min(options.sample, people.length)} hires' histories`);
      const step = Math.max(1, Math.floor(people.length / Math.max(1, options.sample)));
      const sample = people.filter((_, i) => i % step === 0).slice(0, options.sample).map((p) => p.employeeId);
      const histories = await readHistories(stack, 'hr', sample);
      const temporal = historyCost(histories);
      const perHire = (name: string) => round((bulk.processes[name]?.cpuSeconds ?? 0) / Math.max(1, bulk.completed), 3);
      const tenureNames = Object.keys(bulk.processes).filter(isTenure);
      const tenure = round(tenureNames.reduce((sum, name) => sum + perHire(name), 0), 3);
      const each = Object.fromEntries(tenureNames.length > 1 ? tenureNames.map((name) => [name, perHire(name)]) : []);
      result.bulk = { ...bulk, temporal, profile: hireProfile(histories), cpuSecondsPerHire: { tenure, ...each, temporal: perHire('temporal'), 'tenure+temporal': round(tenure + perHire('temporal'), 3), samba: perHire('samba'), scim: perHire('scim') } };
      if (result.floor && bulk.hiresPerSecond !== null && result.floor.hiresPerSecond > 0) {
        result.ratio = { tenurePerSecond: round(bulk.hiresPerSecond, 3), floorPerSecond: round(result.floor.hiresPerSecond, 3), ratio: round(result.floor.hiresPerSecond / bulk.hiresPerSecond, 2) };
      }
    }
    if (want('waiting')) {
      const waiting = await part('waiting', async () => {
        const w = await runWaiting(stack, options.waiting, options.waitingDays, options.senders, timeoutMs, say);
        await sampler.sample();
        const latest = sampler.series.at(-1)?.rssMiB ?? {};
        const servers = Object.entries(latest).filter(([name]) => isTenure(name) || name === 'temporal' || name === 'postgres');
        return { ...w, rssOnceWaitingMiB: Object.fromEntries(servers) };
      });
      result.waiting = waiting;
    }
  } finally {
    await sampler.stop();
    result.finishedAt = new Date().toISOString();
    result.machine.loadAverageAtEnd = loadavg();
    try {
      await writeResults(options.out, stamp, result, sampler, floorCompletions, bulkCompletions);
    } finally {
      say('stopping the stack');
      await stack.stop();
    }
  }
}

async function writeResults(out: string, stamp: string, result: BenchResult, sampler: ProcessSampler, floorCompletions: number[], bulkCompletions: number[]): Promise<void> {
  const text = summary(result);
  const panels: Panel[] = [];
  if (floorCompletions.length > 0 || bulkCompletions.length > 0) {
    panels.push({
      title: 'Hires complete (all accounts, mail and write-back)',
      xLabel: 'seconds since the first request',
      yLabel: 'people',
      lines: [
        { label: 'Tenure (bulk)', points: cumulative(bulkCompletions) },
        { label: 'floor (no engine)', points: cumulative(floorCompletions) },
      ],
    });
  }
  const names = [...new Set(sampler.series.flatMap((p) => Object.keys(p.rssMiB)))];
  panels.push({
    title: 'Memory (RSS) per process',
    xLabel: 'seconds since the stack started',
    yLabel: 'MiB',
    lines: names.map((n) => ({ label: n, points: thin(sampler.series).map((p): [number, number] => [p.t, p.rssMiB[n] ?? 0]) })),
    marks: result.marks.map((m) => ({ x: m.t, label: m.label })),
  });
  const files = { json: join(out, `${stamp}.json`), text: join(out, `${stamp}.txt`), svg: join(out, `${stamp}.svg`) };
  await writeFile(files.json, `${JSON.stringify({ ...result, series: { floorCompletions, bulkCompletions, rss: thin(sampler.series, 1000) } }, null, 2)}\n`);
  await writeFile(files.text, `${text}\n`);
  await writeFile(files.svg, chartSvg(`Tenure benchmark ${result.startedAt.slice(0, 16)}`, panels));
  console.log(`\n${text}\n`);
  say(`results: ${files.json}, ${files.text}, ${files.svg}`);
}

let options: BenchOptions | 'help';
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  process.exit(2);
}
if (options === 'help') {
  console.log(usage);
  process.exit(0);
}
try {
  await run(options);
  process.exit(0);
} catch (error) {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}

/** Each kind of connection's default limits, as its declaration gives them. */
function connectorDefaultLimits(): string {
  const directory = directoryLimits.parse(undefined);
  const entra = entraConfig.shape.limits.parse(undefined);
  const writes = entraConfig.shape.writesPerSecond.parse(undefined);
  const others = limitsSchema.parse(undefined);
  return `the connectors' defaults (AD and LDAP ${directory.maxConcurrent} in flight, ${directory.perSecond}/s; Entra ID ${entra.maxConcurrent}, ${entra.perSecond}/s, writes ${writes}/s; SCIM, mail and HTTP ${others.maxConcurrent}, ${others.perSecond}/s)`;
}
