/**
 * Tracing through the Temporal interceptors: a run started through POST /api/runs yields the
 * client's StartWorkflow span, the workflow's RunWorkflow span (exported from the workflow sandbox
 * through the worker's sink) and the activities' RunActivity spans, all in one trace. An in-memory
 * exporter stands in for the OTLP collector; everything between is the production wiring.
 */
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../server/observability/tracing.ts';
import { bundleWorkflows } from '../../server/temporal/worker.ts';
import { runView, startedRuns } from '../support/api.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let sys: TestSystem;

beforeAll(async () => {
  // Tracing starts before the client and worker are built, as in server/main.ts.
  tracing = startTracing('tenure-server', new SimpleSpanProcessor(exporter));
  sys = await startTestSystem({ bundle: await bundleWorkflows({ tracing: true }) });
}, 120_000);
afterAll(async () => {
  await sys.stop();
  await tracing.shutdown();
});

describe('tracing', () => {
  it('links StartWorkflow → RunWorkflow → RunActivity spans of a run started through the API in one trace', async () => {
    const def = definition(
      'traced',
      [node({ id: 'start', type: 'start', data: {} }), node({ id: 'hello', type: 'action', data: log('traced hello') }), node({ id: 'end', type: 'end', data: {} })],
      [edge('start', 'hello'), edge('hello', 'end')],
    );
    expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await sys.api('POST', '/api/definitions/traced/publish')).status).toBe(201);
    const started = await sys.api('POST', '/api/runs', { definitionId: 'traced', people: [{ employeeId: 'T1', attributes: {} }] });
    expect(started.status).toBe(202);
    const run = startedRuns.parse(started.body).runs[0];
    if (!run) throw new Error('no run started');
    await eventually(async () => (runView.parse((await sys.api('GET', `/api/runs/${run.id}`)).body).workflowStatus === 'COMPLETED' ? true : undefined), 'the traced run to complete');

    const spans = await eventually(() => {
      const all = exporter.getFinishedSpans();
      const names = new Set(all.map((s) => s.name));
      return names.has('StartWorkflow:lifecycleRun') && names.has('RunWorkflow:lifecycleRun') && names.has('RunActivity:core.log') ? Promise.resolve(all) : Promise.resolve(undefined);
    }, 'the spans to be exported');

    const start = spans.find((s) => s.name === 'StartWorkflow:lifecycleRun');
    const execute = spans.find((s) => s.name === 'RunWorkflow:lifecycleRun');
    const activity = spans.find((s) => s.name === 'RunActivity:core.log');
    const loadRevision = spans.find((s) => s.name === 'RunActivity:store.loadRevision');
    if (!start || !execute || !activity || !loadRevision) throw new Error('a span is missing');
    const traceId = start.spanContext().traceId;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    for (const span of [execute, activity, loadRevision]) expect(span.spanContext().traceId).toBe(traceId);
    // The run's spans are children, not roots: the trace starts where the API started the run.
    expect(execute.parentSpanId).toBeTruthy();
    expect(start.resource.attributes['service.name']).toBe('tenure-server');
  });
});
