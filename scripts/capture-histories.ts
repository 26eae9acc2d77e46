/**
 * Captures workflow histories from real runs of the lifecycle interpreter on a real Temporal dev
 * server, into test/fixtures/histories/. The replay test replays every committed history against
 * the current workflow code, so a change that would break runs in flight fails the build.
 *
 * Run after a deliberate, patched() change of the interpreter, and commit the new files next to the
 * old ones (old histories must keep replaying; existing files are never overwritten):
 *   node scripts/capture-histories.ts <tag>     writes <scenario>-<tag>.json
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities/index.ts';
import { findTemporalCli } from '../server/temporal/cli.ts';
import { startDevServer } from '../server/temporal/devServer.ts';
import { bundleWorkflows } from '../server/temporal/worker.ts';
import { definition, edge, log, node, sampleDefinition } from '../test/support/definitions.ts';
import { openApprovalDb } from '../test/support/approvals.ts';
import { testActivityDeps } from '../test/support/deps.ts';
import { freePort } from '../test/support/ports.ts';
import { compileDefinition, definitionSchema, type DefinitionInput } from '../workflows/dsl/index.ts';
import { attributesChangedSignal, decideUpdate, resolveStepUpdate, runStatusQuery, type LifecycleRunInput } from '../workflows/messages.ts';
import { runMetricsSinks } from '../server/observability/runSinks.ts';

const outDir = resolve(import.meta.dirname, '../test/fixtures/histories');

interface Scenario {
  name: string;
  definition: DefinitionInput;
  attributes: Record<string, unknown>;
  decision?: 'approve' | 'reject';
  /** An operator resolves the step `name` once it waits for them, after the person's data is fixed. */
  operator?: 'retry' | 'skip';
}

/**
 * A step marked waitForOperator fails (its variable name is not a name), with a helpdesk mailbox set
 * and a mail step on its error edge, as the templates have them.
 */
const operatorDefinition = definition(
  'operator-wait',
  [
    node({ id: 'start', type: 'start', data: {} }),
    node({ id: 'mailbox', type: 'action', data: { action: 'core.setVariable', params: { name: 'helpdeskMailbox', value: 'it-helpdesk@example.com' } } }),
    node({ id: 'name', type: 'action', data: { action: 'core.setVariable', waitForOperator: true, params: { name: { expression: '[varName]' }, value: 1 } } }),
    node({ id: 'after', type: 'action', data: log('after the step') }),
    node({ id: 'tellHelpdesk', type: 'action', data: { action: 'email.send', connectionId: 'mail', params: { to: { expression: '[vars.helpdeskMailbox]' }, subject: 'failed', text: 'failed' } } }),
    node({ id: 'end', type: 'end', data: {} }),
    node({ id: 'failed', type: 'end', data: { outcome: 'failed' } }),
  ],
  [edge('start', 'mailbox'), edge('mailbox', 'name'), edge('name', 'after'), edge('name', 'tellHelpdesk', 'error'), edge('tellHelpdesk', 'failed'), edge('after', 'end')],
);

const scenarios: Scenario[] = [
  { name: 'sample-approved', definition: sampleDefinition('sample', 1), attributes: { department: 'Engineering', givenName: 'Ada' }, decision: 'approve' },
  { name: 'sample-rejected', definition: sampleDefinition('sample', 1), attributes: { department: 'Engineering', givenName: 'Grace' }, decision: 'reject' },
  { name: 'sample-default-path', definition: sampleDefinition('sample', 1), attributes: { department: 'Sales' } },
  { name: 'operator-retry', definition: operatorDefinition, attributes: { varName: 'not a name' }, operator: 'retry' },
  { name: 'operator-skip', definition: operatorDefinition, attributes: { varName: 'not a name' }, operator: 'skip' },
];

const tag = process.argv[2];
if (tag === undefined || !/^[a-z0-9-]+$/.test(tag)) {
  console.error('usage: node scripts/capture-histories.ts <tag> [scenario-prefix]   (lowercase letters, digits, dashes)');
  process.exit(2);
}
/** Only the scenarios whose name starts with this, when given (a change that concerns some of them). */
const only = process.argv[3] ?? '';
const chosen = scenarios.filter((s) => s.name.startsWith(only));
const approvalDb = await openApprovalDb();
const cli = await findTemporalCli(process.env.TEMPORAL_CLI);
const server = await startDevServer({ cli, port: await freePort(), namespace: 'default' });
try {
  const taskQueue = `capture-${randomUUID()}`;
  const compiled = new Map(chosen.map((s) => [s.definition.id, compileDefinition(definitionSchema.parse(s.definition))]));
  const connection = await NativeConnection.connect({ address: server.address });
  const worker = await Worker.create({
    sinks: runMetricsSinks(),
    connection,
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    activities: createActivities(testActivityDeps({ revisions: { compiledRevision: async (id) => Promise.resolve(compiled.get(id)) }, approvals: approvalDb.store })),
  });
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });
  await worker.runUntil(async () => {
    await mkdir(outDir, { recursive: true });
    for (const s of chosen) {
      const runId = randomUUID();
      const input: LifecycleRunInput = { runId, definitionId: s.definition.id, revision: 1, employeeId: 'E1', attributes: s.attributes, requestedBy: 'capture' };
      const handle = await client.workflow.start('lifecycleRun', { workflowId: `run:${runId}`, taskQueue, args: [input] });
      if (s.decision) {
        for (;;) {
          const status = await handle.query(runStatusQuery);
          if (status.openApprovals.length > 0) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        await handle.executeUpdate(decideUpdate, { args: [{ nodeId: 'approve', approver: 'admin', decision: s.decision }] });
      }
      if (s.operator) {
        for (;;) {
          const status = await handle.query(runStatusQuery);
          if (status.nodes.name?.awaitingOperator === true) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        await handle.signal(attributesChangedSignal, { varName: 'fixed' });
        await handle.executeUpdate(resolveStepUpdate, { args: [{ nodeId: 'name', action: s.operator, operator: 'admin' }] });
      }
      await handle.result().catch(() => undefined);
      const file = join(outDir, `${s.name}-${tag}.json`);
      if (existsSync(file)) throw new Error(`${file} exists; histories are never overwritten, pick a new tag`);
      // The CLI writes the proto3 JSON form that historyFromJSON reads back.
      const { stdout } = await promisify(execFile)(cli, ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', server.address, '--output', 'json'], { maxBuffer: 64 * 1024 * 1024 });
      await writeFile(file, `${JSON.stringify(JSON.parse(stdout), null, 1)}\n`);
      console.log(`captured ${file}`);
    }
  });
  await client.connection.close();
  await connection.close();
} finally {
  await server.stop();
}
