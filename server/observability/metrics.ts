/**
 * Prometheus metrics: one registry per process, shared by the API and the worker when they run
 * together, with the default process metrics. Counters are incremented where the thing happens (HR
 * deliveries, the worker's run sinks, the activity interceptor); the approval gauges are read from
 * the approvals projection on each scrape, so they are never stale and cost nothing between scrapes.
 *
 * Labels are low-cardinality on purpose: definition ids, connectors, action ids, error types,
 * sources — never a person, run or workflow id.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.ts';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export type HrChannel = 'webhook' | 'csv' | 'scim' | 'sql';

export const hrEventsAccepted = new Counter({
  name: 'tenure_hr_events_accepted_total',
  help: 'HR events durably handed to the person workflows, by HR source and channel (webhook, csv, scim, sql).',
  labelNames: ['source', 'channel'] as const,
  registers: [registry],
});

export const runsStarted = new Counter({
  name: 'tenure_runs_started_total',
  help: 'Lifecycle runs started, by definition (counted by the worker, once per run, not on replay).',
  labelNames: ['definition'] as const,
  registers: [registry],
});

export type RunOutcome = 'succeeded' | 'failed' | 'cancelled';

export const runsCompleted = new Counter({
  name: 'tenure_runs_completed_total',
  help: 'Lifecycle runs finished, by definition and outcome (succeeded, failed, cancelled).',
  labelNames: ['definition', 'outcome'] as const,
  registers: [registry],
});

/**
 * The alarm for a lifecycle that did not do its job (a joiner that failed before any account
 * existed, say). `reason` is the failed step's action id (e.g. `entra.createUser`), `failed-end`,
 * the kind of another step, or `revision-unavailable`: bounded by the catalog, never a person.
 */
export const runsFailed = new Counter({
  name: 'tenure_runs_failed_total',
  help: 'Lifecycle runs that ended as failed, by definition and reason (the failed step\'s action id, failed-end, the step kind, or revision-unavailable).',
  labelNames: ['definition', 'reason'] as const,
  registers: [registry],
});

/**
 * Steps that began waiting for an operator (waitForOperator), by definition and the step's action
 * id. A counter, not a gauge: the worker learns when a wait begins, but a worker that restarts does
 * not relearn the waits in flight (sinks are silent on replay); the runs page lists those.
 */
export const stepsAwaitingOperator = new Counter({
  name: 'tenure_steps_awaiting_operator_total',
  help: 'Failed steps that began waiting for an operator to retry, skip or fail them, by definition and the step\'s action id.',
  labelNames: ['definition', 'action'] as const,
  registers: [registry],
});

export const activityDuration = new Histogram({
  name: 'tenure_activity_duration_seconds',
  help: 'Duration of each activity attempt, by connector and action (failed attempts included).',
  labelNames: ['connector', 'action'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  registers: [registry],
});

export const activityErrors = new Counter({
  name: 'tenure_activity_errors_total',
  help: 'Failed activity attempts, by connector, action and failure type (e.g. HttpUnavailable, LdapBusy).',
  labelNames: ['connector', 'action', 'type'] as const,
  registers: [registry],
});

export const approvalsPending = new Gauge({
  name: 'tenure_approvals_pending',
  help: 'Approval steps waiting for a decision (from the approvals inbox projection, read at scrape time).',
  registers: [registry],
});

export const approvalOldestPendingAge = new Gauge({
  name: 'tenure_approval_oldest_pending_age_seconds',
  help: 'Age of the oldest approval step still waiting for a decision; 0 when none waits.',
  registers: [registry],
});

/** Reads the approval gauges from the app database; called right before each scrape is rendered. */
export async function refreshApprovalGauges(db: Database): Promise<void> {
  const [row] = await db.query<{ pending: number; oldest: number | null }>(
    "SELECT count(*)::int AS pending, extract(epoch FROM now() - min(opened_at))::float8 AS oldest FROM approval_inbox WHERE status = 'open'",
  );
  approvalsPending.set(row?.pending ?? 0);
  approvalOldestPendingAge.set(Math.max(0, row?.oldest ?? 0));
}

/** The connector of an activity type: the prefix of its action id (`ad.createUser` → `ad`). */
export function connectorOf(activityType: string): string {
  const dot = activityType.indexOf('.');
  return dot > 0 ? activityType.slice(0, dot) : 'runtime';
}

export function countHrEvent(source: string, channel: HrChannel): void {
  hrEventsAccepted.inc({ source, channel });
}
