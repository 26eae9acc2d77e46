/**
 * The scheduler: walks a compiled revision from its start node, deciding where to go next. It owns
 * the graph semantics (handles, decisions, parallel branches meeting at a join, error edges,
 * continue-on-error, loops) and the per-node status; everything that touches time, people or
 * targets goes through the injected Executor. The Temporal workflow injects one that calls
 * activities, timers and updates; simulation injects one that records instead.
 */
import { namedApprovers } from './approval.ts';
import { findAction } from './catalog/index.ts';
import type { CompiledNode, CompiledNodeOf, CompiledRevision } from './compile.ts';
import { waitTarget, type WaitTarget } from './dates.ts';
import { evaluateParams } from './params.ts';
import { evaluateDecision } from './rules.ts';
import { stepInput } from './stepInput.ts';
import type { ApprovalResult, NodeState, RunStatus, TraceEntry } from './status.ts';
import type { UniquenessCheck } from './uniquenessBatch.ts';

/** How many times a step re-chooses unique values that were taken between the check and the write. */
const uniqueValueChoices = 3;

export interface Executor {
  now(): Date;
  /** A deterministic source of randomness for expressions (RandomString, Guid). */
  random(): number;
  /** Runs an action; throws when it failed after its retries. */
  action(node: CompiledNodeOf<'action'>, input: Record<string, unknown>): Promise<unknown>;
  /**
   * Resolves once `target()` has passed. The target is read again whenever the person's attributes
   * change, so a moved date re-arms the wait; `armed` reports each new end.
   */
  wait(node: CompiledNodeOf<'wait'>, target: () => WaitTarget, armed: (until: Date) => void): Promise<void>;
  /**
   * Asks people and waits for their decision. `approvers` are the users the step names outright;
   * `context` carries what resolving the others needs and how to report who is waited for.
   */
  approval(node: CompiledNodeOf<'approval'>, approvers: string[], context?: ApprovalContext): Promise<ApprovalResult>;
  /** Runs branches together; when one fails the others are cancelled and the failure rethrown. */
  branches(branches: (() => Promise<void>)[]): Promise<void>;
  /** Whether an error means "this branch was cancelled", as opposed to "this step failed". */
  isCancellation(error: unknown): boolean;
  /**
   * A step marked waitForOperator failed: resolves with what an operator chose (retry, skip), or
   * `fail` when nobody did in time. Absent: such steps fail the run like any other.
   */
  awaitOperator?(node: CompiledNodeOf<'action'>, error: string): Promise<OperatorResolution>;
  /**
   * Whether a step marked waitForOperator that also has an error edge waits for an operator first
   * (true), or takes the edge at once as runs did before (absent or false). Asked only for such a step.
   */
  operatorBeforeErrorEdge?(): boolean;
  /** Asks a target whether a value is free (SelectUniqueValue). */
  isUnique?(node: CompiledNodeOf<'action'>, param: string, value: string, evaluated: Readonly<Record<string, unknown>>): Promise<boolean>;
  /**
   * Asks a target about several values at once: the candidates of all a step's SelectUniqueValue
   * parameters (params.ts). Used instead of isUnique when uniqueAtOnce() says so.
   */
  areUnique?(node: CompiledNodeOf<'action'>, checks: readonly UniquenessCheck[], evaluated: Readonly<Record<string, unknown>>): Promise<boolean[]>;
  /** Whether this run asks areUnique (runs begun before it replay their questions one by one). Asked for every step evaluated. */
  uniqueAtOnce?(): boolean;
  /**
   * Whether an action failed because a value SelectUniqueValue found free was taken before the
   * action wrote it (two people with the same name provisioned at once): the step then chooses again.
   */
  isValueTaken?(error: unknown): boolean;
  /** Called after every status change, e.g. to publish progress. */
  changed?(): void;
}

/** What an approval needs from the run while it waits: current facts, and where to report progress. */
export interface ApprovalContext {
  /** The person's attributes, variables and earlier steps' outputs as they are now (HR updates included). */
  facts(): { attributes: Readonly<Record<string, unknown>>; vars: Readonly<Record<string, unknown>>; steps: Readonly<Record<string, unknown>> };
  /** What approving will do: the step's own words, or the steps the approved output leads to. */
  onApprove: string;
  /** The step now waits for these approvers, until then; called again whenever that changes. */
  waiting(approvers: string[], until: Date | undefined): void;
}

export interface OperatorResolution {
  action: 'retry' | 'skip' | 'fail';
  /** Who decided: an operator's user id, or `deadline`. */
  by: string;
}

export interface RunInput {
  attributes: Record<string, unknown>;
  vars?: Record<string, unknown>;
}

/** A failure that ends the run (a step failed with no error edge, or a failed end was reached). */
export class RunFailed extends Error {
  readonly nodeId: string;
  constructor(nodeId: string, message: string) {
    super(message);
    this.name = 'RunFailed';
    this.nodeId = nodeId;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    return cause instanceof Error && cause.message !== '' && cause.message !== error.message ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

export class Scheduler {
  readonly status: RunStatus;
  private attributes: Record<string, unknown>;
  private readonly steps: Record<string, unknown> = {};
  private readonly byId: Map<string, CompiledNode>;
  /** Why steps in flight were cancelled: the run itself, or a sibling branch that failed. */
  private cancelReason = 'the run was cancelled';
  private readonly revision: CompiledRevision;
  private readonly executor: Executor;

  constructor(revision: CompiledRevision, input: RunInput, executor: Executor) {
    this.revision = revision;
    this.executor = executor;
    this.attributes = { ...input.attributes };
    this.byId = new Map(revision.nodes.map((n) => [n.id, n]));
    const nodes: Record<string, NodeState> = {};
    for (const n of revision.nodes) nodes[n.id] = { status: 'pending' };
    this.status = { outcome: 'running', nodes, trace: [], vars: { ...(input.vars ?? {}) } };
  }

  /**
   * The person's attributes changed (HR update): later steps see the new values, and a date wait
   * reads its target again when its executor is told (the executor owns the waking up).
   */
  updateAttributes(attributes: Record<string, unknown>): void {
    this.attributes = { ...attributes };
  }

  async run(): Promise<RunStatus> {
    try {
      await this.walk(this.revision.start);
      if (this.status.outcome === 'running') this.status.outcome = 'succeeded';
    } catch (error) {
      this.status.outcome = this.executor.isCancellation(error) ? 'cancelled' : 'failed';
      this.status.error = errorMessage(error);
      throw error;
    } finally {
      for (const state of Object.values(this.status.nodes)) if (state.status === 'pending') state.status = 'skipped';
      this.executor.changed?.();
    }
    return this.status;
  }

  private node(id: string): CompiledNode {
    const node = this.byId.get(id);
    if (!node) throw new RunFailed(id, `the revision has no node "${id}"`);
    return node;
  }

  private state(id: string): NodeState {
    const s = this.status.nodes[id];
    if (!s) throw new RunFailed(id, `the revision has no node "${id}"`);
    return s;
  }

  private now(): string {
    return this.executor.now().toISOString();
  }

  private enter(node: CompiledNode, status: 'running' | 'waiting' = 'running'): NodeState {
    const s = this.state(node.id);
    const visits = (s.visits ?? 0) + 1;
    this.status.nodes[node.id] = { status, startedAt: this.now(), visits };
    this.executor.changed?.();
    return this.state(node.id);
  }

  private leave(node: CompiledNode, handle: string | undefined, entry: Omit<TraceEntry, 'nodeId' | 'at' | 'handle'> = {}, failed = false): void {
    const s = this.state(node.id);
    s.status = failed ? 'failed' : 'done';
    s.endedAt = this.now();
    delete s.waitingUntil;
    delete s.waitingFor;
    if (handle !== undefined) s.handle = handle;
    if (entry.error !== undefined) s.error = entry.error;
    this.status.trace.push({ nodeId: node.id, at: s.endedAt, ...(handle !== undefined ? { handle } : {}), ...entry });
    this.executor.changed?.();
  }

  private follow(node: CompiledNode, handle: string): string {
    const target = node.next[handle]?.[0];
    if (target === undefined) throw new RunFailed(node.id, `"${node.data.label ?? node.id}" has no edge on "${handle}"`);
    return target;
  }

  /** Walks from `from` until an end, or until a join (returned, for the enclosing parallel). */
  private async walk(from: string): Promise<string | undefined> {
    let current: string | undefined = from;
    while (current !== undefined) {
      const node = this.node(current);
      try {
        current = await this.step(node);
      } catch (error) {
        if (this.executor.isCancellation(error)) {
          const s = this.state(node.id);
          if (s.status === 'running' || s.status === 'waiting') {
            s.status = 'skipped';
            s.endedAt = this.now();
            s.error = `cancelled: ${this.cancelReason}`;
          }
        }
        throw error;
      }
      if (current !== undefined && this.node(current).type === 'join') return current;
    }
    return undefined;
  }

  private async step(node: CompiledNode): Promise<string | undefined> {
    switch (node.type) {
      case 'start':
        this.enter(node);
        this.leave(node, 'next');
        return this.follow(node, 'next');
      case 'end': {
        this.enter(node);
        this.leave(node, undefined);
        if (node.data.outcome === 'failed') throw new RunFailed(node.id, `the run reached "${node.data.label ?? node.id}", which ends it as failed`);
        return undefined;
      }
      case 'join':
        // Reached only as the first node of a walk that the parallel already joined.
        this.enter(node);
        this.leave(node, 'next');
        return this.follow(node, 'next');
      case 'action':
        return this.action(node);
      case 'decision':
        return this.decision(node);
      case 'wait':
        return this.wait(node);
      case 'approval':
        return this.approval(node);
      case 'parallel':
        return this.parallel(node);
    }
  }

  private async action(node: CompiledNodeOf<'action'>, choices = 1): Promise<string | undefined> {
    this.enter(node);
    const declaration = findAction(node.data.action);
    if (!declaration) throw new RunFailed(node.id, `unknown action "${node.data.action}"`);
    let shownInput: Record<string, unknown> = {};
    const about = { action: node.data.action, ...(node.data.connectionId !== undefined ? { connectionId: node.data.connectionId } : {}) };
    // An object, not a let: the flag is set inside the evaluation's callback.
    const asked = { unique: false };
    try {
      const atOnce = this.executor.areUnique !== undefined && this.executor.uniqueAtOnce?.() === true;
      const evaluated = await evaluateParams(node.data.params, {
        attributes: this.attributes,
        vars: this.status.vars,
        steps: this.steps,
        now: this.executor.now(),
        random: () => this.executor.random(),
        ...(atOnce
          ? {
              areUnique: (checks: readonly UniquenessCheck[], evaluated: Readonly<Record<string, unknown>>) => {
                asked.unique = true;
                return this.executorAreUnique(node, checks, evaluated);
              },
            }
          : {
              isUnique: (param: string, value: string, evaluated: Readonly<Record<string, unknown>>) => {
                asked.unique = true;
                return this.executorIsUnique(node, param, value, evaluated);
              },
            }),
      });
      // Checked against the contract the revision pinned when it has one (stepInput.ts).
      const input = stepInput(this.revision.contracts, declaration, evaluated.values);
      shownInput = redact(input, [...(declaration.secretInputs ?? []), ...evaluated.redacted]);
      const output = await this.executor.action(node, input);
      this.steps[node.id] = output;
      if (declaration.assigns) Object.assign(this.status.vars, declaration.assigns(output));
      this.leave(node, 'next', { ...about, input: shownInput, output });
      return this.follow(node, 'next');
    } catch (error) {
      if (this.executor.isCancellation(error)) throw error;
      const message = errorMessage(error);
      if (asked.unique && choices < uniqueValueChoices && this.executor.isValueTaken?.(error) === true) {
        this.status.trace.push({ nodeId: node.id, at: this.now(), handle: 'retry', ...about, input: shownInput, error: `${message} (a unique value was taken meanwhile: choosing again)` });
        return this.action(node, choices + 1);
      }
      this.steps[node.id] = { error: message };
      const onError = node.next.error?.[0];
      // An operator is asked before the error edge is taken when the executor says so (runs begun
      // before that replay as they ran: error edge first); the edge then serves a step the operator
      // gave up on, or that nobody answered in time. Continue-on-error still wins over waiting.
      const waits = node.data.waitForOperator === true && this.executor.awaitOperator !== undefined;
      const waitBeforeErrorEdge = waits && onError !== undefined && this.executor.operatorBeforeErrorEdge?.() === true;
      const waitInsteadOfFailing = waits && onError === undefined && node.data.continueOnError !== true;
      if (waitBeforeErrorEdge || waitInsteadOfFailing) {
        const resolution = await this.awaitOperator(node, message);
        if (resolution.action === 'retry') {
          this.status.trace.push({ nodeId: node.id, at: this.now(), handle: 'retry', ...about, input: shownInput, error: `${message} (retried by ${resolution.by})` });
          return this.action(node);
        }
        if (resolution.action === 'skip') {
          this.leave(node, 'next', { ...about, input: shownInput, error: `${message} (skipped by ${resolution.by})` }, true);
          return this.follow(node, 'next');
        }
      }
      if (onError !== undefined) {
        this.leave(node, 'error', { ...about, input: shownInput, error: message }, true);
        return onError;
      }
      if (node.data.continueOnError === true) {
        this.leave(node, 'next', { ...about, input: shownInput, error: message }, true);
        return this.follow(node, 'next');
      }
      this.leave(node, undefined, { ...about, input: shownInput, error: message }, true);
      throw new RunFailed(node.id, `"${node.data.label ?? declaration.label}" failed: ${message}`);
    }
  }

  private async awaitOperator(node: CompiledNodeOf<'action'>, message: string): Promise<OperatorResolution> {
    const state = this.state(node.id);
    state.status = 'failed';
    state.error = message;
    state.awaitingOperator = true;
    this.executor.changed?.();
    try {
      return (await this.executor.awaitOperator?.(node, message)) ?? { action: 'fail', by: 'nobody' };
    } finally {
      delete state.awaitingOperator;
    }
  }

  private executorIsUnique(node: CompiledNodeOf<'action'>, param: string, value: string, evaluated: Readonly<Record<string, unknown>>): Promise<boolean> {
    if (!this.executor.isUnique) throw new Error('SelectUniqueValue needs a target to check uniqueness against');
    return this.executor.isUnique(node, param, value, evaluated);
  }

  private executorAreUnique(node: CompiledNodeOf<'action'>, checks: readonly UniquenessCheck[], evaluated: Readonly<Record<string, unknown>>): Promise<boolean[]> {
    if (!this.executor.areUnique) throw new Error('SelectUniqueValue needs a target to check uniqueness against');
    return this.executor.areUnique(node, checks, evaluated);
  }

  private async decision(node: CompiledNodeOf<'decision'>): Promise<string> {
    this.enter(node);
    const result = await evaluateDecision(node.data.rules, { attributes: this.attributes, vars: this.status.vars, steps: this.steps });
    this.leave(node, result.outcome, { rules: result.evaluations });
    return this.follow(node, result.outcome);
  }

  private async wait(node: CompiledNodeOf<'wait'>): Promise<string> {
    const state = this.enter(node, 'waiting');
    const startedAt = new Date(state.startedAt ?? this.now());
    const target = () => waitTarget(node.data.wait, this.attributes, startedAt);
    const armed = (until: Date) => {
      state.waitingUntil = until.toISOString();
      this.executor.changed?.();
    };
    const first = target();
    if (!first.ok) {
      this.leave(node, undefined, { error: first.reason }, true);
      throw new RunFailed(node.id, `"${node.data.label ?? 'Wait'}" cannot start: ${first.reason}`);
    }
    await this.executor.wait(node, target, armed);
    this.leave(node, 'next', { until: state.waitingUntil ?? first.until.toISOString() });
    return this.follow(node, 'next');
  }

  private async approval(node: CompiledNodeOf<'approval'>): Promise<string> {
    // Running while its approvers are resolved; waiting once they are asked (the executor says when).
    const state = this.enter(node, 'running');
    const approvers = namedApprovers(node.data);
    const context: ApprovalContext = {
      facts: () => ({ attributes: this.attributes, vars: this.status.vars, steps: this.steps }),
      onApprove: node.data.onApprove ?? this.approvedPath(node),
      waiting: (who, until) => {
        state.status = 'waiting';
        state.waitingFor = who;
        if (until === undefined) delete state.waitingUntil;
        else state.waitingUntil = until.toISOString();
        this.executor.changed?.();
      },
    };
    let result: ApprovalResult;
    try {
      result = await this.executor.approval(node, approvers, context);
    } catch (error) {
      if (this.executor.isCancellation(error)) throw error;
      const message = errorMessage(error);
      this.leave(node, undefined, { error: message }, true);
      throw new RunFailed(node.id, `"${node.data.label ?? 'Approval'}" failed: ${message}`);
    }
    this.steps[node.id] = approvalOutput(result);
    this.leave(node, result.outcome, { approvers: result.approvers ?? approvers, decisions: result.decisions });
    return this.follow(node, result.outcome);
  }

  /** "Then: Create the account → Add to groups": the steps the approved output leads to, in order. */
  private approvedPath(node: CompiledNodeOf<'approval'>): string {
    const names: string[] = [];
    let id = node.next.approved?.[0];
    const seen = new Set<string>();
    while (id !== undefined && names.length < 5 && !seen.has(id)) {
      seen.add(id);
      const next = this.byId.get(id);
      if (!next || next.type === 'end') break;
      const declared = next.type === 'action' ? findAction(next.data.action)?.label : undefined;
      names.push(next.data.label ?? declared ?? `${next.type} ${next.id}`);
      if (next.type === 'decision' || next.type === 'parallel' || next.type === 'approval') break;
      id = next.next.next?.[0];
    }
    return names.length === 0 ? 'The run ends.' : `Then: ${names.join(' → ')}`;
  }

  private async parallel(node: CompiledNodeOf<'parallel'>): Promise<string | undefined> {
    this.enter(node);
    this.leave(node, 'next');
    const joins = new Set<string>();
    await this.executor.branches(
      (node.next.next ?? []).map((branch) => async () => {
        try {
          const join = await this.walk(branch);
          if (join !== undefined) joins.add(join);
        } catch (error) {
          if (!this.executor.isCancellation(error)) this.cancelReason = 'a parallel branch failed';
          throw error;
        }
      }),
    );
    const [join] = [...joins];
    if (join === undefined) return undefined;
    const joinNode = this.node(join);
    this.enter(joinNode);
    this.leave(joinNode, 'next');
    return this.follow(joinNode, 'next');
  }
}

/** What later steps see of an approval: `[steps.<id>.outcome]`, who approved or rejected, the last comment. */
export function approvalOutput(result: ApprovalResult): Record<string, unknown> {
  const by = (d: 'approve' | 'reject') => result.decisions.filter((x) => x.decision === d && x.via !== 'deadline').map((x) => x.approver);
  const comment = [...result.decisions].reverse().find((d) => d.comment !== undefined)?.comment;
  return { outcome: result.outcome, decisions: result.decisions, approvedBy: by('approve'), rejectedBy: by('reject'), ...(comment !== undefined ? { comment } : {}) };
}

function redact(input: Record<string, unknown>, secret: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, secret.includes(k) ? '[redacted]' : v]));
}
