/**
 * Simulation (dry run): the real Scheduler walks a revision with an Executor that records instead of
 * calling. Nothing here touches a target, a clock or a person: waits end at once but report the
 * instant they would end (computed with `waitTarget`, and the simulated clock moves there), approvals
 * resolve to a chosen outcome, actions answer a plausible output shaped by their declaration, and
 * uniqueness checks answer "free". The result is what a run would do, step by step, and the exact
 * operations it would send.
 */
import { z } from 'zod';
import { findAction } from './catalog/index.ts';
import type { CompiledNodeOf, CompiledRevision } from './compile.ts';
import { actionContract, type ActionContracts } from './contracts.ts';
import { durationMs, type WaitTarget } from './dates.ts';
import { approvalStages } from './approval.ts';
import { evaluateExpression, parseExpression } from './expressions/index.ts';
import { approvalOutcomes, type ApprovalOutcome } from './handles.ts';
import { expressionAttributes } from './params.ts';
import { evaluateCondition, type ConditionTrace } from './rules.ts';
import { errorMessage, Scheduler, type ApprovalContext, type Executor, type RunInput } from './scheduler.ts';
import { hrEventTypes, type Trigger } from './schema.ts';
import type { ApprovalResult, RunStatus } from './status.ts';

/** One call a real run would make to a target system. */
export interface PlannedOperation {
  nodeId: string;
  action: string;
  connectionId?: string;
  /** The evaluated input, secrets redacted. */
  input: Record<string, unknown>;
}

export interface SimulationOptions {
  /** When the simulated run starts; waits move this clock forward. */
  now: Date;
  /** How approvals end: one outcome for all, or per approval node id (others: approved). */
  approvalOutcome?: ApprovalOutcome | Readonly<Record<string, ApprovalOutcome>>;
  /** A seed for RandomString and Guid, so the same simulation gives the same values. */
  seed?: number;
}

export interface SimulationResult extends RunStatus {
  /** The node ids in the order the run went through them. */
  path: string[];
  operations: PlannedOperation[];
}

export const simulatedEventSchema = z.strictObject({
  type: z.enum(hrEventTypes),
  effectiveAt: z.string().max(100).optional(),
  /** For movers: the attributes the event changed. */
  changedAttributes: z.array(z.string().min(1).max(200)).max(200).optional(),
});
export type SimulatedEvent = z.infer<typeof simulatedEventSchema>;

export const approvalOutcomeChoice = z.union([z.enum(approvalOutcomes), z.record(z.string().min(1).max(100), z.enum(approvalOutcomes))]);

/** Marks a branch the simulation stopped because a sibling failed. */
class SimulationCancelled extends Error {}

/** A small seeded generator (mulberry32): deterministic, good enough for sample strings. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A value that fits a JSON Schema, preferring what the step was given: an output field named like
 * an input field echoes it (core.setVariable answers the name and value it stored), a date-like
 * field gets the simulated time, anything else a recognisable placeholder.
 */
function sampleOf(schema: unknown, key: string, input: Record<string, unknown>, now: Date, depth: number): unknown {
  if (!isRecord(schema) || depth > 6) return null;
  if (depth === 1 && key in input) return input[key];
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0] ?? null;
  const options = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (options) return sampleOf(options.find((o) => !(isRecord(o) && o.type === 'null')) ?? options[0], key, input, now, depth);
  switch (schema.type) {
    case 'string':
      return schema.format === 'date-time' || /(^at|At|Date|date|[Tt]ime)$/.test(key) ? now.toISOString() : `simulated-${key || 'value'}`;
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'null':
      return null;
    case 'object': {
      const properties = isRecord(schema.properties) ? schema.properties : {};
      return Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, sampleOf(s, k, input, now, depth + 1)]));
    }
    default:
      return null;
  }
}

/** What a successful call of the action would plausibly answer, shaped by its output schema. */
export function plausibleOutput(actionId: string, input: Record<string, unknown>, now: Date): unknown {
  const declaration = findAction(actionId);
  if (!declaration) return {};
  const schema = z.toJSONSchema(declaration.output, { io: 'output', unrepresentable: 'any' });
  const sample = sampleOf(schema, '', input, now, 0);
  const parsed = declaration.output.safeParse(sample);
  return parsed.success ? parsed.data : sample;
}

/**
 * Who the first stage would ask, in words: named users as they are, the person's manager by the
 * employee id the run would look up, a group by name, an expression by the ids it gives for this
 * person. Resolving managers and groups to users needs the directory, which a dry run does not use.
 */
async function expectedApprovers(node: CompiledNodeOf<'approval'>, context: ApprovalContext | undefined, now: Date): Promise<string[]> {
  const facts = context?.facts() ?? { attributes: {}, vars: {}, steps: {} };
  const out: string[] = [];
  for (const a of approvalStages(node.data)[0]?.approvers ?? []) {
    switch (a.kind) {
      case 'user':
        out.push(a.userId);
        break;
      case 'manager': {
        const id = facts.attributes[a.attribute];
        const up = a.level > 1 ? ` (${a.level - 1} level${a.level > 2 ? 's' : ''} up)` : '';
        out.push(typeof id === 'string' && id !== '' ? `manager of ${id}${up}` : `the manager (the person has no ${a.attribute})`);
        break;
      }
      case 'group':
        out.push(`group ${a.groupId}`);
        break;
      case 'expression': {
        const parsed = parseExpression(a.expression);
        if (!parsed.ok) {
          out.push(`(expression error: ${parsed.error.message})`);
          break;
        }
        const { value } = await evaluateExpression(parsed.ast, { attributes: expressionAttributes(facts), now, random: () => 0.5 });
        const ids = Array.isArray(value) ? value : value === null ? [] : [String(value)];
        out.push(...ids.map((id) => (a.resolveAs === 'employee' ? `user of employee ${id}` : id)));
        break;
      }
    }
  }
  return out;
}

function chosenOutcome(options: SimulationOptions, node: CompiledNodeOf<'approval'>): ApprovalOutcome {
  const choice = options.approvalOutcome;
  const wanted = choice === undefined ? 'approved' : typeof choice === 'string' ? choice : (choice[node.id] ?? 'approved');
  // A run can only time out where the graph says where a timeout goes; elsewhere it waits on.
  if (wanted === 'timeout' && node.next.timeout === undefined) return 'approved';
  return wanted;
}

class SimulationExecutor implements Executor {
  readonly operations: PlannedOperation[] = [];
  private clock: Date;
  private readonly options: SimulationOptions;
  /** The contracts the simulated revision pinned. */
  private readonly contracts: ActionContracts | undefined;
  readonly random: () => number;

  constructor(options: SimulationOptions, contracts: ActionContracts | undefined) {
    this.options = options;
    this.contracts = contracts;
    this.clock = new Date(options.now.getTime());
    this.random = seeded(options.seed ?? 1);
  }

  now(): Date {
    return this.clock;
  }

  private advanceTo(instant: Date): void {
    if (instant.getTime() > this.clock.getTime()) this.clock = new Date(instant.getTime());
  }

  action(node: CompiledNodeOf<'action'>, input: Record<string, unknown>): Promise<unknown> {
    // The action's code checks its input again when it runs (refinements a pinned JSON Schema
    // cannot say, such as "exactly one of id and userName"): the dry run refuses what it would.
    // Not for an older contract: an upgraded action accepts its inputs, which today's declaration need not.
    const declaration = findAction(node.data.action);
    const current = declaration !== undefined && this.contracts?.[declaration.id]?.hash === actionContract(declaration).hash;
    const checked = current ? declaration.input.safeParse(input) : undefined;
    if (checked?.success === false) {
      return Promise.reject(new Error(`the step's parameters are invalid: ${checked.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`));
    }
    this.operations.push({
      nodeId: node.id,
      action: node.data.action,
      ...(node.data.connectionId !== undefined ? { connectionId: node.data.connectionId } : {}),
      input,
    });
    // Secret inputs are not echoed into the output, where the trace would show them.
    const secrets = declaration?.secretInputs ?? [];
    const echoed = Object.fromEntries(Object.entries(input).filter(([k]) => !secrets.includes(k)));
    return Promise.resolve(plausibleOutput(node.data.action, echoed, this.clock));
  }

  wait(_node: CompiledNodeOf<'wait'>, target: () => WaitTarget, armed: (until: Date) => void): Promise<void> {
    const t = target();
    if (!t.ok) return Promise.reject(new Error(t.reason));
    armed(t.until);
    this.advanceTo(t.until);
    return Promise.resolve();
  }

  async approval(node: CompiledNodeOf<'approval'>, _named: string[], context?: ApprovalContext): Promise<ApprovalResult> {
    const outcome = chosenOutcome(this.options, node);
    const approvers = await expectedApprovers(node, context, this.clock);
    if (outcome === 'timeout') {
      const deadline = approvalStages(node.data)[0]?.deadline;
      if (deadline !== undefined) this.advanceTo(new Date(this.clock.getTime() + durationMs(deadline.after)));
      return { outcome, decisions: [], approvers };
    }
    const decision = outcome === 'approved' ? 'approve' : 'reject';
    return { outcome, decisions: [{ approver: approvers[0] ?? 'an approver', decision, at: this.clock.toISOString() }], approvers };
  }

  /** One branch after the other, so the same simulation always reads the same. */
  async branches(branches: (() => Promise<void>)[]): Promise<void> {
    for (const branch of branches) await branch();
  }

  isCancellation(error: unknown): boolean {
    return error instanceof SimulationCancelled;
  }

  isUnique(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

/**
 * The operations as the run would show them: the scheduler redacts secret inputs and Redact()
 * values in its trace, so each operation takes its input from the trace entry of the same call, and
 * a simulated output that echoed a redacted input is redacted too.
 */
function redactedOperations(operations: PlannedOperation[], status: RunStatus): PlannedOperation[] {
  const shown = new Map<string, Record<string, unknown>[]>();
  for (const entry of status.trace) {
    const input = entry.input;
    if (input === undefined) continue;
    const list = shown.get(entry.nodeId) ?? [];
    list.push(input);
    shown.set(entry.nodeId, list);
    const output = entry.output;
    if (isRecord(output)) {
      entry.output = Object.fromEntries(Object.entries(output).map(([k, v]) => [k, input[k] === '[redacted]' ? '[redacted]' : v]));
    }
  }
  const used = new Map<string, number>();
  return operations.map((op) => {
    const i = used.get(op.nodeId) ?? 0;
    used.set(op.nodeId, i + 1);
    return { ...op, input: shown.get(op.nodeId)?.[i] ?? {} };
  });
}

/** Walks the revision for the person without touching anything; a failed run is reported, not thrown. */
export async function simulateRun(revision: CompiledRevision, input: RunInput, options: SimulationOptions): Promise<SimulationResult> {
  const executor = new SimulationExecutor(options, revision.contracts);
  const scheduler = new Scheduler(revision, input, executor);
  try {
    await scheduler.run();
  } catch (error) {
    // The scheduler already recorded the failure in its status (outcome, error, failed node).
    if (scheduler.status.error === undefined) scheduler.status.error = errorMessage(error);
  }
  const status = scheduler.status;
  return {
    ...status,
    path: status.trace.map((t) => t.nodeId),
    operations: redactedOperations(executor.operations, status),
  };
}

export interface TriggerCheck {
  /** Whether the event type is one the trigger listens to; null when no event was given. */
  eventMatches: boolean | null;
  /** The scope rule with the fact values it saw; null when the trigger has no scope (everyone). */
  scope: { matched: boolean; conditions: ConditionTrace[] } | null;
  /** Movers: whether the event changed an attribute the trigger watches; null when not applicable. */
  changeMatches: boolean | null;
  /** Whether an HR event like this one would start the run for this person. */
  wouldStart: boolean;
}

/** Would this event start the definition for this person? Mirrors the trigger's three questions. */
export async function checkTrigger(trigger: Trigger, attributes: Record<string, unknown>, event: SimulatedEvent | undefined): Promise<TriggerCheck> {
  const eventMatches = event === undefined ? null : trigger.events.includes(event.type);
  const scope = trigger.scope === undefined ? null : await evaluateCondition(trigger.scope, { attributes, vars: {}, steps: {} });
  const watched = trigger.changedAttributes;
  const changeMatches =
    watched === undefined || watched.length === 0 || event?.changedAttributes === undefined ? null : event.changedAttributes.some((a) => watched.includes(a));
  return { eventMatches, scope, changeMatches, wouldStart: eventMatches !== false && scope?.matched !== false && changeMatches !== false };
}
