/**
 * The fault suite (`npm run test:faults`): Tenure's promise that nothing accepted is lost and
 * nothing is done twice, held while things break. One stack (stack.ts) serves every scenario in
 * turn; each scenario provisions its own batch of hires (the built-in Joiner) under its own
 * employee-id prefix, breaks something on the way (scenarios/), and ends by reading every target's
 * actual state and comparing it with what the latest HR record implies (verify.ts). The counts are
 * printed at the end; any duplicate account or lost event fails the suite.
 *
 * Sizes: TENURE_FAULTS_HIRES hires per scenario (default 40; the worker-kill scenario takes twice
 * as many, so that all its kills land while the batch is provisioned: 280 hires in a run),
 * TENURE_FAULTS_KILLS worker kills (default 20), TENURE_FAULTS_SETTLE_MINUTES how long a scenario
 * waits for its people once its faults are over (default 8). A hire costs about 3 CPU-seconds across
 * Tenure, Temporal and the targets (npm run bench), so the defaults keep a run near 15 minutes on a
 * 2-core machine; 200 per scenario (1,200 hires) takes about an hour there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ScenarioContext, ScenarioOutcome } from './scenario.ts';
import { adOutage } from './scenarios/adOutage.ts';
import { apiKill } from './scenarios/apiKill.ts';
import { graphStorms } from './scenarios/graphStorms.ts';
import { hrRaces } from './scenarios/hrRaces.ts';
import { temporalRestart } from './scenarios/temporalRestart.ts';
import { workerKills } from './scenarios/workerKills.ts';
import { startFaultStack, type FaultStack } from './stack.ts';
import { Tally } from './tally.ts';
import { timelineOf } from './verify.ts';

const size = (name: string, fallback: number) => z.coerce.number().int().min(1).parse(process.env[name] ?? fallback);
const hires = size('TENURE_FAULTS_HIRES', 40);
const kills = size('TENURE_FAULTS_KILLS', 20);
const settleMs = size('TENURE_FAULTS_SETTLE_MINUTES', 8) * 60_000;
/**
 * A scenario bounds its own waits (a few times settleMs at most); this only stops one that hangs.
 * A scenario vitest gave up on would go on beside the next, so it is far beyond what a scenario takes.
 */
const scenarioTimeoutMs = 4 * settleMs + 20 * 60_000;

const began = Date.now();
const log = (line: string) => console.log(`faults [${Math.round((Date.now() - began) / 1000)} s] ${line}`);
const tally = new Tally();
let stack: FaultStack | undefined;

beforeAll(async () => {
  log(`batch sizes: ${hires} hires per scenario and ${2 * hires} in the worker-kill scenario (${7 * hires} in all), ${kills} worker kills; a scenario waits up to ${settleMs / 60_000} min for its people to settle`);
  // Steps time out after 30 s instead of 300: a step whose worker was killed is tried again that much sooner.
  // Leavers' retention is 5 s, so a terminated person's accounts are gone by the end of the scenario.
  stack = await startFaultStack({ stepTimeoutSeconds: 30, retentionSeconds: 5 }, log);
  log('the stack is up and configured');
});

afterAll(async () => {
  if (stack) {
    tally.failedPersonWorkflows = await stack.client.workflow.count('WorkflowType = "personWorkflow" AND (ExecutionStatus = "Failed" OR ExecutionStatus = "Terminated" OR ExecutionStatus = "TimedOut")').then((c) => c.count);
    await stack.stop();
  }
  console.log(`\n${tally.report()}\n`);
});

/** Runs a scenario, counts what it found, and fails on anything not as expected. */
async function scenario(name: string, run: (ctx: ScenarioContext) => Promise<ScenarioOutcome>, size = hires): Promise<void> {
  if (!stack) throw new Error('the stack did not start');
  log(`${name}: starting, ${size} hires`);
  const { findings, problems } = await run({ stack, tally, hires: size, settleMs, log: (line) => log(`${name}: ${line}`) });
  tally.add(name, size, findings);
  // The story of the first people found wrong, from their own timelines: what a reproduction starts from.
  const troubled = [...new Set([...findings.duplicates, ...findings.lost, ...findings.failedRuns, ...findings.wrong].map((line) => line.split(':')[0] ?? ''))].slice(0, 3);
  for (const employeeId of troubled) log(`${name}: ${employeeId}'s timeline:\n  ${(await timelineOf(stack, employeeId)).join('\n  ')}`);
  expect.soft(findings.duplicates, 'accounts made twice').toEqual([]);
  expect.soft(findings.lost, 'events answered 202 and never applied').toEqual([]);
  expect.soft(findings.failedRuns, 'failed runs').toEqual([]);
  expect.soft(findings.wrong.slice(0, 20), `people whose targets are not as expected (${findings.wrong.length})`).toEqual([]);
  expect.soft(findings.refused, 'events Temporal refused').toBe(0);
  expect.soft(findings.settled, 'people settled (runs ended, events delivered)').toBe(findings.people);
  expect.soft(problems).toEqual([]);
}

describe('fault suite', () => {
  it('HR races: a batch twice, updates out of order, a terminate racing a hire, one event id from two API processes', async () => {
    await scenario('HR races', hrRaces);
  }, scenarioTimeoutMs);

  it('the Graph peer answers 429 with Retry-After in storms: honoured, every hire completes', async () => {
    await scenario('Graph 429 storms', graphStorms);
  }, scenarioTimeoutMs);

  it('Samba AD unreachable for 60 s mid-batch: steps retry, every hire completes', async () => {
    await scenario('AD outage', adOutage);
  }, scenarioTimeoutMs);

  it('the Temporal server stopped and restarted during waits and approvals: every run resumes', async () => {
    await scenario('Temporal restarts', temporalRestart);
  }, scenarioTimeoutMs);

  it('an API process killed between its 202s and delivery: nothing accepted is lost', async () => {
    await scenario('API process killed', apiKill);
  }, scenarioTimeoutMs);

  it(`kill -9 of the worker process ${kills} times during the batch: every hire completes, no account twice`, async () => {
    await scenario('worker kills', (ctx) => workerKills(ctx, kills), 2 * hires);
  }, scenarioTimeoutMs);

  it('no person workflow failed', async () => {
    if (!stack) throw new Error('the stack did not start');
    const { count } = await stack.client.workflow.count('WorkflowType = "personWorkflow" AND (ExecutionStatus = "Failed" OR ExecutionStatus = "Terminated" OR ExecutionStatus = "TimedOut")');
    expect(count).toBe(0);
  });
});
