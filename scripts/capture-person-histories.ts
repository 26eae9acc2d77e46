/**
 * Captures person-workflow histories from real runs on a real Temporal dev server, into
 * test/fixtures/histories/ (`person-<scenario>-<tag>.json`, one file per execution of a
 * continue-as-new chain). The replay test replays every committed history against the current
 * workflow code: a change to workflows/person.ts that would break people already open fails the build.
 *
 * Run after a deliberate, patched() change of the person workflow, and commit the new files next to
 * the old ones (existing files are never overwritten):
 *   node scripts/capture-person-histories.ts <tag>
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities/index.ts';
import { createDefinitionStore } from '../server/db/definitions.ts';
import { openPglite } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { createPeopleStore } from '../server/db/people.ts';
import { createRunStore } from '../server/db/runs.ts';
import { findTemporalCli } from '../server/temporal/cli.ts';
import { startDevServer } from '../server/temporal/devServer.ts';
import { bundleWorkflows } from '../server/temporal/worker.ts';
import { runMetricsSinks } from '../server/observability/runSinks.ts';
import { testActivityDeps } from '../test/support/deps.ts';
import { definition, edge, log, node } from '../test/support/definitions.ts';
import { freePort } from '../test/support/ports.ts';
import { definitionSchema, type DefinitionInput, type HrEvent } from '../workflows/dsl/index.ts';
import { hrEventSignal, personQuery, personWorkflowId, type PersonState } from '../workflows/personMessages.ts';

const outDir = resolve(import.meta.dirname, '../test/fixtures/histories');
const source = 'capture';

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const definitions: DefinitionInput[] = [
  definition(
    'joiner',
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({ id: 'prepare', type: 'action', data: log('account prepared') }),
      node({ id: 'dayOne', type: 'wait', data: { wait: { kind: 'until', attribute: 'hireDate', offsetDays: 0 } } }),
      node({ id: 'enable', type: 'action', data: log('enabled on day one') }),
      node({ id: 'end', type: 'end', data: {} }),
    ],
    [edge('start', 'prepare'), edge('prepare', 'dayOne'), edge('dayOne', 'enable'), edge('enable', 'end')],
    { lifecycle: 'joiner', trigger: { events: ['hire', 'rehire'], date: { attribute: 'hireDate', offsetDays: -7 } } },
  ),
  definition('mover', [node({ id: 'start', type: 'start', data: {} }), node({ id: 'note', type: 'action', data: log('department changed') }), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'note'), edge('note', 'end')], {
    lifecycle: 'mover',
    trigger: { events: ['update'], changedAttributes: ['department'] },
  }),
  definition(
    'leaver',
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({ id: 'lastDay', type: 'wait', data: { wait: { kind: 'until', attribute: 'lastDay', offsetDays: 0 } } }),
      node({ id: 'disable', type: 'action', data: log('disabled after the last day') }),
      node({ id: 'end', type: 'end', data: {} }),
    ],
    [edge('start', 'lastDay'), edge('lastDay', 'disable'), edge('disable', 'end')],
    { lifecycle: 'leaver', trigger: { events: ['terminate'] } },
  ),
  definition('link', [node({ id: 'start', type: 'start', data: {} }), node({ id: 'link', type: 'action', data: log('manager linked') }), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'link'), edge('link', 'end')], {
    lifecycle: 'custom',
    trigger: { events: ['managerReady'] },
  }),
];

/**
 * A step for the scenario's person, or with `for` for another person of the scenario (employee id
 * `<scenario>-<for>-<tag>`, captured too). An attribute value `$person` stands for the scenario's
 * own employee id (a report naming them as manager).
 */
type Step = ({ event: Omit<HrEvent, 'employeeId'> } | { until: (p: PersonState) => boolean; what: string }) & { for?: string };
interface Scenario {
  name: string;
  steps: Step[];
}

const hasKind = (kind: string, count = 1) => (p: PersonState) => p.timeline.filter((e) => e.kind === kind).length >= count;
const scenarios: Scenario[] = [
  {
    // A hire whose joiner waits for its date, then a change of that date, then a terminate that stops it.
    name: 'hire-scheduled',
    steps: [
      { event: { eventId: 'h1', type: 'hire', attributes: { givenName: 'Ada', department: 'Ops', hireDate: later(60) } } },
      { until: hasKind('scheduled'), what: 'the joiner is scheduled' },
      { event: { eventId: 'u1', type: 'update', attributes: { hireDate: later(90) } } },
      { event: { eventId: 't1', type: 'terminate', attributes: {} } },
      { until: hasKind('run-cancelled'), what: 'the scheduled joiner is dropped' },
    ],
  },
  {
    // A hire starting now, its joiner running, a mover while it runs, then a terminate racing the joiner.
    name: 'hire-move-terminate',
    steps: [
      { event: { eventId: 'h1', type: 'hire', attributes: { givenName: 'Grace', department: 'Ops', hireDate: later(3) } } },
      { until: hasKind('run-started'), what: 'the joiner started' },
      { event: { eventId: 'u1', type: 'update', attributes: { department: 'Sales' } } },
      { until: (p) => p.runs.some((r) => r.definitionId === 'mover' && r.status === 'succeeded'), what: 'the mover succeeded' },
      { event: { eventId: 't1', type: 'terminate', attributes: { lastDay: later(30) } } },
      { until: (p) => p.runs.some((r) => r.definitionId === 'joiner' && r.status === 'cancelled'), what: 'the joiner is cancelled' },
    ],
  },
  {
    // A leaver waiting for the last day, stopped by a rehire.
    name: 'rehire-stops-leaver',
    steps: [
      { event: { eventId: 'h1', type: 'hire', attributes: { givenName: 'Linus', department: 'Ops', hireDate: later(-400) } } },
      { event: { eventId: 't1', type: 'terminate', attributes: { lastDay: later(20) } } },
      { until: (p) => p.runs.some((r) => r.definitionId === 'leaver'), what: 'the leaver started' },
      { event: { eventId: 'r1', type: 'rehire', attributes: { hireDate: later(40) } } },
      { until: (p) => p.runs.some((r) => r.definitionId === 'leaver' && r.status === 'cancelled'), what: 'the leaver is cancelled' },
    ],
  },
  {
    // A manager hired after their report: the report's joiner found nobody; the manager's joiner
    // succeeds and tells the report, whose managerReady lifecycle starts.
    name: 'manager-ready',
    steps: [
      { for: 'report', event: { eventId: 'h1', type: 'hire', attributes: { givenName: 'Ada', department: 'Ops', hireDate: later(-10), managerId: '$person' } } },
      { for: 'report', until: (p) => p.runs.some((r) => r.definitionId === 'joiner' && r.status === 'succeeded') && (p.followUps ?? []).length === 0, what: "the report's joiner succeeded" },
      { event: { eventId: 'h1', type: 'hire', attributes: { givenName: 'Grace', department: 'Ops', hireDate: later(-10) } } },
      { for: 'report', until: (p) => p.runs.some((r) => r.definitionId === 'link' && r.status === 'succeeded'), what: "the report's managerReady lifecycle succeeded" },
      { until: hasKind('manager'), what: 'the manager told the report' },
    ],
  },
  {
    // Enough changes for the server (told to suggest it after 60 events) to have the person continue as new.
    name: 'continue-as-new',
    steps: [
      { event: { eventId: 'h1', type: 'hire', attributes: { givenName: 'Mei', department: 'Ops', hireDate: later(30) } } },
      ...Array.from({ length: 16 }, (_, i): Step => ({ event: { eventId: `u${i + 1}`, type: 'update', attributes: { title: `T${i + 1}` } } })),
      { until: (p) => p.attributes.title === 'T16', what: 'the last change to apply' },
      { event: { eventId: 'u17', type: 'update', attributes: { department: 'Sales' } } },
      { until: (p) => p.runs.some((r) => r.definitionId === 'mover' && r.status === 'succeeded'), what: 'the mover after continue-as-new to succeed' },
    ],
  },
];

const tag = process.argv[2];
if (tag === undefined || !/^[a-z0-9-]+$/.test(tag)) {
  console.error('usage: node scripts/capture-person-histories.ts <tag>   (lowercase letters, digits, dashes)');
  process.exit(2);
}
const cli = await findTemporalCli(process.env.TEMPORAL_CLI);
// A low continue-as-new suggestion, so a scenario long enough shows a chain of executions.
const server = await startDevServer({ cli, port: await freePort(), namespace: 'default', dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 60 } });
const db = await openPglite(undefined);
try {
  await migrate(db);
  const store = createDefinitionStore(db);
  for (const d of definitions) {
    await store.create(definitionSchema.parse(d), 'capture');
    await store.publish(d.id, 'capture');
  }
  const people = createPeopleStore(db, createRunStore(db));
  const taskQueue = `capture-${Date.now()}`;
  const connection = await NativeConnection.connect({ address: server.address });
  const worker = await Worker.create({
    sinks: runMetricsSinks(),
    connection,
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    activities: createActivities(testActivityDeps({ revisions: store, people })),
  });
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });
  await worker.runUntil(async () => {
    await mkdir(outDir, { recursive: true });
    for (const s of scenarios) {
      const employeeIdOf = (who?: string) => (who === undefined ? `${s.name}-${tag}` : `${s.name}-${who}-${tag}`);
      /** Every person of the scenario, by workflow id, with the name their histories are captured under. */
      const captured = new Map<string, string>();
      for (const step of s.steps) {
        const employeeId = employeeIdOf(step.for);
        const workflowId = personWorkflowId(source, employeeId);
        captured.set(workflowId, step.for === undefined ? s.name : `${s.name}-${step.for}`);
        if ('event' in step) {
          const attributes = Object.fromEntries(Object.entries(step.event.attributes).map(([k, v]) => [k, v === '$person' ? employeeIdOf() : v]));
          const event = { ...step.event, attributes, employeeId, source, receivedAt: new Date().toISOString() };
          await client.workflow.signalWithStart('personWorkflow', { workflowId, taskQueue, args: [{ source, employeeId }], signal: hrEventSignal, signalArgs: [event] });
          continue;
        }
        for (let i = 0; ; i++) {
          if (step.until(await client.workflow.getHandle(workflowId).query(personQuery))) break;
          if (i > 300) throw new Error(`${s.name}: gave up waiting until ${step.what}`);
          await sleep(100);
        }
      }
      for (const [workflowId, name] of captured) {
        // A history captured mid-task would end in a workflow task (and its local activities) that no
        // replay can finish: wait until the person rests, its last task completed.
        for (let i = 0, quiet = 0; quiet < 5; i++) {
          const history: unknown = JSON.parse(historyToJSON(await client.workflow.getHandle(workflowId).fetchHistory()));
          const events: unknown = typeof history === 'object' && history !== null ? Reflect.get(history, 'events') : undefined;
          const last: unknown = Array.isArray(events) ? Reflect.get(Object(events.at(-1)), 'eventType') : undefined;
          const resting = typeof last === 'string' && !['EVENT_TYPE_WORKFLOW_TASK_SCHEDULED', 'EVENT_TYPE_WORKFLOW_TASK_STARTED'].includes(last);
          quiet = resting ? quiet + 1 : 0;
          if (i > 600) throw new Error(`${s.name}: the person never came to rest`);
          await sleep(200);
        }
        // Every execution of the chain, oldest first; the CLI writes the JSON that historyFromJSON reads.
        const executions: { runId: string; startTime: Date }[] = [];
        for await (const w of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) executions.push({ runId: w.runId, startTime: w.startTime });
        const runs = executions.sort((a, b) => a.startTime.getTime() - b.startTime.getTime()).map((e) => e.runId);
        for (const [i, runId] of runs.entries()) {
          const file = join(outDir, `person-${name}${runs.length > 1 ? `-${i + 1}` : ''}-${tag}.json`);
          if (existsSync(file)) throw new Error(`${file} exists; histories are never overwritten, pick a new tag`);
          const { stdout } = await promisify(execFile)(cli, ['workflow', 'show', '--workflow-id', workflowId, '--run-id', runId, '--address', server.address, '--output', 'json'], { maxBuffer: 64 * 1024 * 1024 });
          await writeFile(file, `${JSON.stringify(JSON.parse(stdout), null, 1)}\n`);
          console.log(`captured ${file}`);
        }
      }
    }
  });
  await client.connection.close();
  await connection.close();
} finally {
  await db.close();
  await server.stop();
}
