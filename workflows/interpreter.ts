/**
 * The lifecycle run's body (lifecycle.ts is its entry): interprets one pinned revision for one
 * person. It stays thin on purpose — the
 * graph semantics live in the pure Scheduler (workflows/dsl/scheduler.ts); this file supplies the
 * Temporal side: activities per action with the step's retry policy and timeout, durable timers for
 * waits, an Update for approval decisions, cancellation scopes for parallel branches.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  proxyActivities,
  proxySinks,
  setHandler,
  workflowInfo,
  type ActivityOptions,
  type Sinks,
} from '@temporalio/workflow';
import type { ActionImplementation } from '../activities/types.ts';
import type { OperatorNoticeActivities } from '../activities/email/operatorNotice.ts';
import type { StoreActivities } from '../activities/store/revisions.ts';
import { ApprovalDesk } from './approval.ts';
// The language's own modules, not its index, which would evaluate definition schemas, validation and
// simulation in every run (each workflow evaluates the modules it imports anew).
import { accountChanges } from './dsl/accounts.ts';
import { findAction, setVariableOutput } from './dsl/catalog/index.ts';
import type { CompiledNodeOf, CompiledRevision } from './dsl/compile.ts';
import { operatorWaitMs } from './dsl/operatorWait.ts';
import { RunFailed, Scheduler, type Executor, type OperatorResolution } from './dsl/scheduler.ts';
import { runEndedSignal, type RunEnded } from './personMessages.ts';
import { attributesChangedSignal, callbackSignal, connectorTaskQueues, resolveStepUpdate, runStatusQuery, type LifecycleRunInput, type LifecycleRunStatus, type ResolveStepInput } from './messages.ts';

/**
 * Run counters kept by the worker (server/observability/runSinks.ts). Sinks emit no commands, so
 * adding or removing these calls never changes a history. They are not even made while replaying
 * (the worker would drop them): a replay-only worker, which registers no sinks, stays quiet.
 */
export interface RunMetricsSinks extends Sinks {
  runMetrics: {
    started(definitionId: string): void;
    completed(definitionId: string, outcome: 'succeeded' | 'failed' | 'cancelled', reason?: string): void;
    /** A failed step (its action id) began waiting for an operator. */
    awaitingOperator(definitionId: string, action: string): void;
  };
}
const sinks = proxySinks<RunMetricsSinks>();
const runMetrics: RunMetricsSinks['runMetrics'] = {
  started: (definitionId) => {
    if (!workflowInfo().unsafe.isReplaying) sinks.runMetrics.started(definitionId);
  },
  completed: (definitionId, outcome, reason) => {
    if (!workflowInfo().unsafe.isReplaying) sinks.runMetrics.completed(definitionId, outcome, reason);
  },
  awaitingOperator: (definitionId, action) => {
    if (!workflowInfo().unsafe.isReplaying) sinks.runMetrics.awaitingOperator(definitionId, action);
  },
};

/** Failure types of the connectors meaning "another object already has this unique value". */
const valueTakenFailures = new Set(['AccountNameTaken', 'EntraValueTaken', 'ScimConflict']);

/** The helpdesk mail about a step that waits for an operator: a few attempts; the wait goes on without it. */
const notices = proxyActivities<OperatorNoticeActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '2m', maximumAttempts: 5 },
});

const store = proxyActivities<StoreActivities>({
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 10, nonRetryableErrorTypes: ['RevisionNotFound'] },
});

function actionOptions(node: CompiledNodeOf<'action'>): ActivityOptions {
  const r = node.data.retry ?? {};
  return {
    startToCloseTimeout: `${node.data.timeoutSeconds ?? 300}s`,
    retry: {
      maximumAttempts: r.maximumAttempts ?? 5,
      initialInterval: `${r.initialIntervalSeconds ?? 1}s`,
      backoffCoefficient: r.backoffCoefficient ?? 2,
      maximumInterval: `${r.maximumIntervalSeconds ?? 300}s`,
    },
  };
}

export async function interpretRevision(input: LifecycleRunInput): Promise<LifecycleRunStatus> {
  const approvals = new ApprovalDesk(input);
  /** Failed steps waiting for an operator, by node id, with the resolution once one arrives. */
  const awaitingOperator = new Map<string, { resolution?: OperatorResolution }>();
  /** Callback payloads by id; kept even when they arrive before the step starts waiting. */
  const callbacks = new Map<string, unknown>();
  // Handlers are registered before the first await so the run answers queries, signals and
  // updates from its first moment; until the revision is loaded there is simply nothing to show.
  let scheduler: Scheduler | undefined = undefined;
  // The employee id is an attribute like the others (anchors are written as [employeeId]); HR's
  // own value never overrides the id the run is for.
  const withId = (a: Record<string, unknown>) => ({ ...a, employeeId: input.employeeId });
  let attributes = withId(input.attributes);
  const attributeListeners = new Set<() => void>();
  /** Where split connectors' activities go (TENURE_CONNECTOR_QUEUES), learnt with the revision. */
  let taskQueues: ReadonlyMap<string, string> = new Map();
  const queueOf = (action: string): ActivityOptions => {
    const queue = taskQueues.get(findAction(action)?.connector ?? '');
    return queue !== undefined ? { taskQueue: queue } : {};
  };

  const executor: Executor = {
    now: () => new Date(),
    // Math.random inside a workflow is Temporal's seeded, replay-safe generator.
    random: () => Math.random(),
    action: async (node, actionInput) => {
      // Setting a run variable touches no system: it is done here, not as an activity (three history
      // events and a workflow task fewer each). Runs begun before it replay the activity they scheduled.
      if (node.data.action === 'core.setVariable' && patched('pure-set-variable')) return setVariableOutput(actionInput);
      const activities = proxyActivities<Record<string, ActionImplementation>>({ ...actionOptions(node), ...queueOf(node.data.action) });
      const implementation = activities[node.data.action];
      if (!implementation) throw ApplicationFailure.nonRetryable(`no implementation for action "${node.data.action}"`);
      const output = await implementation({
        runId: input.runId,
        nodeId: node.id,
        input: actionInput,
        ...(node.data.connectionId !== undefined ? { connectionId: node.data.connectionId } : {}),
      });
      return findAction(node.data.action)?.completion === 'callback' ? awaitCallback(output) : output;
    },
    awaitOperator: async (node, error) => {
      const entry: { resolution?: OperatorResolution } = {};
      awaitingOperator.set(node.id, entry);
      const wait = operatorWaitMs(node);
      try {
        // The deadline's timer first, as before; the helpdesk mail goes out beside it and is not
        // awaited, so an operator who answers at once is not held up by a slow mail server.
        const resolving = condition(() => entry.resolution !== undefined, wait);
        runMetrics.awaitingOperator(input.definitionId, node.data.action);
        // Runs begun before the notice replay without its activity.
        if (patched('operator-wait-notice')) void tellHelpdesk(node, error, wait);
        const resolved = await resolving;
        return resolved && entry.resolution ? entry.resolution : { action: 'fail', by: 'deadline' };
      } finally {
        awaitingOperator.delete(node.id);
      }
    },
    // Runs begun before operators were asked ahead of an error edge take the edge at once, as they did.
    operatorBeforeErrorEdge: () => patched('operator-before-error-edge'),
    // Behind a patch: runs before it failed the step when a unique value was taken meanwhile.
    isValueTaken: (error) => error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && valueTakenFailures.has(error.cause.type ?? '') && patched('unique-value-retry'),
    // SelectUniqueValue asks the step's own directory through its connector: a step's candidates all
    // at once (freeValues, one activity per round), or, in runs begun before that, one by one (isValueFree).
    uniqueAtOnce: () => patched('unique-values-at-once'),
    areUnique: async (node, checks, evaluated) => {
      const answer = await askTarget(node, 'freeValues', { checks: checks.map(({ param, value }) => ({ attribute: param, value })) }, evaluated);
      const free: unknown = typeof answer === 'object' && answer !== null ? Reflect.get(answer, 'free') : undefined;
      return checks.map((_, i) => Array.isArray(free) && free[i] === true);
    },
    isUnique: async (node, param, value, evaluated) => {
      const answer = await askTarget(node, 'isValueFree', { attribute: param, value }, evaluated);
      return typeof answer === 'object' && answer !== null && Reflect.get(answer, 'free') === true;
    },
    wait: async (_node, target, armed) => {
      let version = 0;
      const onChange = () => {
        version++;
      };
      attributeListeners.add(onChange);
      try {
        for (;;) {
          const t = target();
          if (!t.ok) throw ApplicationFailure.nonRetryable(t.reason);
          armed(t.until);
          const remaining = t.until.getTime() - Date.now();
          if (remaining <= 0) return;
          const seen = version;
          // Either the timer fires, or the date moved and the wait is armed again.
          if (!(await condition(() => version !== seen, remaining))) return;
        }
      } finally {
        attributeListeners.delete(onChange);
      }
    },
    approval: async (node, approvers, context) => approvals.approval(node, approvers, context),
    branches: async (branches) => {
      const scopes = branches.map(() => new CancellationScope());
      const running = branches.map((branch, i) => scopes[i]?.run(branch) ?? Promise.resolve());
      try {
        await Promise.all(running);
      } catch (error) {
        for (const scope of scopes) scope.cancel();
        await Promise.allSettled(running);
        throw error;
      }
    },
    isCancellation,
  };

  /**
   * Asks the connector of a step with SelectUniqueValue whether values are free; the step's anchor
   * goes along, so a rerun keeps its own values. Not an async function: it hands back the activity's
   * own promise, so a run that asks one by one awaits exactly what it awaited before there were two
   * ways to ask (the awaits decide how parallel branches interleave, which replay must repeat).
   */
  function askTarget(node: CompiledNodeOf<'action'>, operation: 'isValueFree' | 'freeValues', question: Record<string, unknown>, evaluated: Readonly<Record<string, unknown>>): Promise<unknown> {
    const connector = findAction(node.data.action)?.connector;
    const check = `${connector ?? 'core'}.${operation}`;
    if (!findAction(check)) throw ApplicationFailure.nonRetryable(`SelectUniqueValue in "${node.data.label ?? node.id}": ${connector ?? 'this'} connections cannot check whether a value is free`);
    const activities = proxyActivities<Record<string, ActionImplementation>>({ ...actionOptions(node), ...queueOf(check) });
    const implementation = activities[check];
    if (!implementation) throw ApplicationFailure.nonRetryable(`no implementation for action "${check}"`);
    const anchor = evaluated.anchor;
    return implementation({
      runId: input.runId,
      nodeId: node.id,
      input: { ...question, ...(typeof anchor === 'string' ? { anchor } : {}) },
      ...(node.data.connectionId !== undefined ? { connectionId: node.data.connectionId } : {}),
    });
  }

  /**
   * Mails the helpdesk that a step waits for an operator, through what the lifecycle's own failure
   * mail uses: the run variable helpdeskMailbox (the templates' setting) and the connection of the
   * revision's first email.send step. A run without either sends nothing. A mail that cannot be
   * sent is logged; the step waits all the same.
   */
  async function tellHelpdesk(node: CompiledNodeOf<'action'>, error: string, wait: number): Promise<void> {
    const to = scheduler?.status.vars.helpdeskMailbox;
    const mailStep = compiled?.nodes.find((n) => n.type === 'action' && n.data.action === 'email.send' && n.data.connectionId !== undefined);
    const connectionId = mailStep?.type === 'action' ? mailStep.data.connectionId : undefined;
    if (typeof to !== 'string' || connectionId === undefined) {
      log.warn('a step waits for an operator, but the run has no helpdesk mailbox or mail connection to tell', { ...correlation, nodeId: node.id });
      return;
    }
    try {
      await notices['notices.awaitingOperator']({
        runId: input.runId,
        definitionId: input.definitionId,
        revision: input.revision,
        employeeId: input.employeeId,
        nodeId: node.id,
        step: node.data.label ?? findAction(node.data.action)?.label ?? node.data.action,
        // The mail names the error; a connector's longest messages are cut to what a mail can carry.
        error: error.length > 4000 ? `${error.slice(0, 3999)}…` : error,
        waitUntil: new Date(Date.now() + wait).toISOString(),
        waitHours: wait / 3_600_000,
        connectionId,
        to,
      });
    } catch (failure) {
      if (isCancellation(failure)) return;
      log.warn('could not mail the helpdesk that a step waits for an operator', { ...correlation, nodeId: node.id, error: failure instanceof Error ? failure.message : String(failure) });
    }
  }

  /** Waits for the callback an action announced (`{ callbackId, deadline }`) and adds its payload. */
  async function awaitCallback(output: unknown): Promise<unknown> {
    const announced = typeof output === 'object' && output !== null ? output : {};
    const callbackId: unknown = Reflect.get(announced, 'callbackId');
    const deadline: unknown = Reflect.get(announced, 'deadline');
    if (typeof callbackId !== 'string' || typeof deadline !== 'string') {
      throw ApplicationFailure.nonRetryable('the action did not say which callback to wait for (callbackId, deadline)');
    }
    const remaining = Date.parse(deadline) - Date.now();
    if (!(remaining > 0 && (await condition(() => callbacks.has(callbackId), remaining)))) {
      throw ApplicationFailure.nonRetryable(`no callback arrived by ${deadline}`, 'CallbackTimeout');
    }
    return { ...announced, callback: callbacks.get(callbackId) };
  }

  const snapshot = (): LifecycleRunStatus => ({
    ...(scheduler?.status ?? { outcome: 'running', nodes: {}, trace: [], vars: {} }),
    runId: input.runId,
    definitionId: input.definitionId,
    revision: input.revision,
    employeeId: input.employeeId,
    openApprovals: approvals.open(),
  });
  setHandler(runStatusQuery, snapshot);
  setHandler(
    resolveStepUpdate,
    ({ nodeId, action, operator }) => {
      const entry = awaitingOperator.get(nodeId);
      if (entry) entry.resolution = { action, by: operator };
      return { nodeId, action };
    },
    {
      validator: ({ nodeId }: ResolveStepInput) => {
        if (!awaitingOperator.has(nodeId)) throw ApplicationFailure.nonRetryable(`step "${nodeId}" is not waiting for an operator`, 'NotAwaitingOperator');
      },
    },
  );
  setHandler(callbackSignal, ({ callbackId, payload }) => {
    callbacks.set(callbackId, payload);
  });
  setHandler(attributesChangedSignal, (changed) => {
    attributes = withId(changed);
    scheduler?.updateAttributes(attributes);
    for (const listener of attributeListeners) listener();
  });
  approvals.listen();

  const correlation = { runId: input.runId, definitionId: input.definitionId, revision: input.revision, employeeId: input.employeeId };
  const finished = (outcome: 'succeeded' | 'failed' | 'cancelled', reason?: string) => {
    runMetrics.completed(input.definitionId, outcome, reason);
    log.info(`lifecycle run ${outcome}`, { ...correlation, outcome });
  };
  /**
   * The person learns how the run ended from the run itself, by signal: its handle on the run does
   * not survive its continue-as-new. Sent even when the run is being cancelled; a person that has
   * closed meanwhile is not an error of the run.
   */
  const reportToPerson = async (ended: Omit<RunEnded, 'runId' | 'accounts'>): Promise<void> => {
    const person = input.reportTo;
    if (person === undefined) return;
    const report: RunEnded = { runId: input.runId, ...ended, accounts: accountChanges(ended.trace, input.employeeId), execution: workflowInfo().runId };
    await CancellationScope.nonCancellable(async () => getExternalWorkflowHandle(person).signal(runEndedSignal, report)).catch((error: unknown) => {
      log.warn('could not report the end of the run to its person', { ...correlation, personWorkflowId: person, error: error instanceof Error ? error.message : String(error) });
    });
  };
  /**
   * Why a run failed, as a metric label: the failed step's action id (ad.createUser), "failed-end"
   * for an end step that ends the run as failed, the kind of any other step, "revision-unavailable"
   * when the revision could not be loaded. Bounded by the catalog, never a person or a message.
   */
  let compiled: CompiledRevision | undefined = undefined;
  const failureReason = (error: unknown): string => {
    if (compiled === undefined) return 'revision-unavailable';
    const failedNode = error instanceof RunFailed ? compiled.nodes.find((n) => n.id === error.nodeId) : undefined;
    if (failedNode === undefined) return 'error';
    if (failedNode.type === 'action') return failedNode.data.action;
    return failedNode.type === 'end' ? 'failed-end' : failedNode.type;
  };
  const failedWith = async (error: unknown): Promise<never> => {
    const cancelled = isCancellation(error);
    if (cancelled) finished('cancelled');
    else finished('failed', failureReason(error));
    const trace = scheduler?.status.trace ?? [];
    const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    await reportToPerson(cancelled ? { outcome: 'cancelled', trace } : { outcome: 'failed', trace, error: message, ...(error instanceof RunFailed ? { nodeId: error.nodeId } : {}) });
    if (error instanceof RunFailed) {
      // The trace rides along so a person of an earlier version can record what the run did before it failed.
      throw ApplicationFailure.nonRetryable(error.message, 'RunFailed', { nodeId: error.nodeId, workflowId: workflowInfo().workflowId, trace });
    }
    throw error;
  };
  runMetrics.started(input.definitionId);
  log.info('lifecycle run started', correlation);
  const revision = await store['store.loadRevision']({ definitionId: input.definitionId, revision: input.revision }).catch(failedWith);
  compiled = revision;
  taskQueues = connectorTaskQueues(revision);
  scheduler = new Scheduler(revision, { attributes }, executor);
  await scheduler.run().catch(failedWith);
  finished('succeeded');
  const status = snapshot();
  await reportToPerson({ outcome: 'succeeded', trace: status.trace });
  return status;
}
