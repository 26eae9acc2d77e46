/**
 * Waiting: M people hired with a start date months ahead, through the SCIM bulk endpoint. Each has
 * an open person workflow that waits for the Joiner's date (7 days before the start). Measured: how
 * long the requests take to be accepted, how long until every person is delivered and waiting, the
 * memory of Tenure and Temporal once they all wait, and how promptly a date that arrives acts — one
 * person's start date moved to today, timed to their run starting and their accounts existing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { sendBulk } from './bulkSender.ts';
import { personWorkflowId } from '../workflows/personMessages.ts';
import { accountTargets, TargetWatcher } from './targets.ts';
import { benchPerson, bulkRequest, dateFromToday, scimWorker, type BenchPerson } from './people.ts';
import type { BenchStack } from './stack.ts';

export interface WaitingResult {
  people: number;
  hireDate: string;
  accepted: number;
  acceptSeconds: number;
  acceptPerSecond: number;
  /** First request → every person workflow running (Temporal visibility) and the sampled people waiting. */
  allWaitingSeconds: number | null;
  runningPersonWorkflows: number | null;
  /** The date that arrives: 202 of the change → the Joiner run listed for the person, → accounts enabled. */
  dateArrives: DateArrives;
}

const personView = z.looseObject({
  runs: z.array(z.looseObject({ definitionId: z.string() })).default([]),
  scheduled: z.array(z.looseObject({ definitionId: z.string() })).default([]),
});
const joiner = 'template-joiner';

async function personOf(stack: BenchStack, employeeId: string) {
  const res = await stack.tenure.api('GET', `/api/people/${employeeId}`);
  return res.status === 200 ? personView.parse(res.body) : undefined;
}

/** This part's running person workflows, from Temporal's visibility; undefined when the server cannot count. */
async function runningPeople(stack: BenchStack): Promise<number | undefined> {
  try {
    return (await stack.temporal.workflow.count(`WorkflowId STARTS_WITH ${JSON.stringify(personWorkflowId('hr', 'W'))} AND ExecutionStatus = 'Running'`)).count;
  } catch {
    return undefined; // a server that cannot count: the sample alone decides
  }
}

interface DateArrives {
  runStartedSeconds: number | null;
  accountsSeconds: number | null;
  /** Why it could not be measured; the part's other figures stand. */
  error?: string;
}

/** Moves the person's start date to today (as HR would, through the bulk endpoint) and times what follows. */
async function dateArrives(stack: BenchStack, person: BenchPerson): Promise<DateArrives> {
  const moved = { ...person, hireDate: dateFromToday(0) };
  let runStartedSeconds: number | null = null;
  let accountsSeconds: number | null = null;
  try {
    const watcher = new TargetWatcher(stack, 'W', [moved]);
    const res = await stack.tenure.api('POST', '/api/inbound/scim/bulkUpload', bulkRequest([scimWorker(moved)]), { 'content-type': 'application/scim+json' });
    const changed = Date.now();
    if (res.status !== 202) throw new Error(`moving ${moved.employeeId}'s start date was refused: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    const until = changed + 120_000;
    while (Date.now() < until && runStartedSeconds === null) {
      if ((await personOf(stack, moved.employeeId))?.runs.some((r) => r.definitionId === joiner) === true) runStartedSeconds = (Date.now() - changed) / 1000;
      else await sleep(100);
    }
    if (await watcher.watch(100, Math.max(0, until - Date.now()), () => watcher.doneCount(accountTargets) === 1)) {
      const seen = watcher.seen.get(moved.employeeId) ?? {};
      accountsSeconds = (Math.max(...accountTargets.map((t) => seen[t] ?? changed)) - changed) / 1000;
    }
    return { runStartedSeconds, accountsSeconds };
  } catch (error) {
    return { runStartedSeconds, accountsSeconds, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function runWaiting(stack: BenchStack, m: number, days: number, senders: number, timeoutMs: number, progress: (line: string) => void): Promise<WaitingResult> {
  const hireDate = dateFromToday(days);
  const people = Array.from({ length: m }, (_, i) => benchPerson('W', i, hireDate));
  const started = Date.now();
  const sent = await sendBulk(stack, people, senders, progress, 'waiting');
  if (sent.refusal !== undefined) progress(`waiting: a bulk request was refused: ${sent.refusal}`);
  const accepted = sent.accepted;
  const acceptSeconds = (sent.lastAccepted - started) / 1000;

  // Everyone waits once their workflows run and a sample of them (the last sent, and a spread) has the Joiner scheduled.
  const sample = [...new Set([...people.slice(-5), ...Array.from({ length: 10 }, (_, i) => people[Math.floor((i * m) / 10)])])].filter((p): p is BenchPerson => p !== undefined);
  let allWaitingSeconds: number | null = null;
  let running: number | undefined;
  const deadline = started + timeoutMs;
  let checks = 0;
  while (Date.now() < deadline) {
    running = await runningPeople(stack);
    const delivered = running === undefined || running >= m;
    if (delivered) {
      const views = await Promise.all(sample.map((p) => personOf(stack, p.employeeId)));
      if (views.every((v) => v?.scheduled.some((s) => s.definitionId === joiner) === true)) {
        allWaitingSeconds = (Date.now() - started) / 1000;
        break;
      }
    }
    if (++checks % 5 === 0) progress(`waiting: ${running ?? '?'}/${m} person workflows running`);
    await sleep(2000);
  }

  // The date arrives for one person: HR moves their start to today.
  const arriving = people[0];
  const arrives = arriving && allWaitingSeconds !== null ? await dateArrives(stack, arriving) : { runStartedSeconds: null, accountsSeconds: null };
  return {
    people: m,
    hireDate,
    accepted,
    acceptSeconds,
    acceptPerSecond: acceptSeconds > 0 ? accepted / acceptSeconds : accepted,
    allWaitingSeconds,
    runningPersonWorkflows: running ?? null,
    dateArrives: arrives,
  };
}
