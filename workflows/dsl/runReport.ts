/**
 * What a finished lifecycle run means for the person: the rule outcomes and operations for their
 * timeline, and the state of their linked accounts (one per connection). Pure: the person workflow
 * applies it to what a run reports, so replay is deterministic.
 *
 * Which actions touch the person's own account, and how, is declared once in the action catalog;
 * the run reads it (accounts.ts) and reports account changes, which the person applies here. So the
 * person workflow never loads the catalog: Temporal's worker evaluates a workflow's modules anew for
 * every workflow it holds, and a workforce is tens of thousands of person workflows.
 */
import type { ConnectorKind } from './catalog/declare.ts';
import { isPresenceOperator } from './ruleOperators.ts';
import type { TraceEntry } from './status.ts';

export const accountStatuses = ['enabled', 'disabled', 'deleted', 'unknown'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

export interface LinkedAccount {
  connectionId: string;
  kind: ConnectorKind;
  /** The account's id in the target: a DN, an object id, a SCIM id. */
  id: string;
  status: AccountStatus;
  /** The run and action that last touched it, and when. */
  runId: string;
  action: string;
  at: string;
}

export interface RunReportEntry {
  kind: 'rule' | 'operation';
  at: string;
  nodeId: string;
  message: string;
}

export const field = (value: unknown, name: string): unknown => (typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined);

/** The account an action's output names: a DN, an id, or the user of a membership. */
export function objectOf(output: unknown): string | undefined {
  if (field(output, 'found') === false) return undefined;
  for (const name of ['dn', 'id', 'userId']) {
    const value = field(output, name);
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function outcomeOf(output: unknown): string {
  const changed = field(output, 'changed');
  if (Array.isArray(changed)) return changed.length > 0 ? `changed ${changed.join(', ')}` : 'no change';
  if (typeof changed === 'boolean') return changed ? 'changed' : 'no change';
  const created = field(output, 'created');
  if (typeof created === 'boolean') return created ? 'created' : 'already there';
  if (field(output, 'found') === false) return 'not found';
  return 'done';
}

function ruleMessage(entry: TraceEntry): string {
  const matched = entry.rules?.find((r) => r.matched);
  const why = matched ? matched.conditions.map((c) => `${c.fact}${c.path ?? ''} ${c.operator}${isPresenceOperator(c.operator) ? '' : ` ${JSON.stringify(c.value)}`}`).join(' and ') : 'no rule matched';
  return `decision ${entry.nodeId}: ${entry.handle ?? 'default'} (${why})`;
}

function operationMessage(entry: TraceEntry): string {
  const where = entry.connectionId !== undefined ? ` on ${entry.connectionId}` : '';
  if (entry.error !== undefined) return `${entry.action ?? entry.nodeId}${where}: failed: ${entry.error}`;
  const object = objectOf(entry.output);
  return `${entry.action ?? entry.nodeId}${where}: ${outcomeOf(entry.output)}${object !== undefined ? ` (${object})` : ''}`;
}

/** Timeline entries for a run's decisions and actions, in the order they happened. */
export function runTimeline(trace: readonly TraceEntry[]): RunReportEntry[] {
  const entries: RunReportEntry[] = [];
  for (const entry of trace) {
    if (entry.rules !== undefined) entries.push({ kind: 'rule', at: entry.at, nodeId: entry.nodeId, message: ruleMessage(entry) });
    else if (entry.action !== undefined) entries.push({ kind: 'operation', at: entry.at, nodeId: entry.nodeId, message: operationMessage(entry) });
  }
  return entries;
}

/**
 * What one successful account action of a run did to the person's account on a connection: the
 * account it names (absent when its output names none) and the status it leaves, or `kept` when the
 * action leaves the status as it was (a membership, an attribute change, a create that found the
 * account already there).
 */
export interface AccountChange {
  connectionId: string;
  kind: ConnectorKind;
  id?: string;
  status: 'enabled' | 'disabled' | 'deleted' | 'kept';
  action: string;
  at: string;
}

/** The person's linked accounts after a run's account changes, in the order they happened. */
export function applyAccountChanges(accounts: Readonly<Record<string, LinkedAccount>>, changes: readonly AccountChange[], runId: string): Record<string, LinkedAccount> {
  const next = { ...accounts };
  for (const effect of changes) {
    const previous = next[effect.connectionId];
    // A delete that found nothing still means the account is gone.
    const id = effect.id ?? (effect.status === 'deleted' ? previous?.id : undefined);
    if (id === undefined) continue;
    const known = previous !== undefined && previous.id === id && previous.status !== 'deleted' ? previous.status : 'unknown';
    next[effect.connectionId] = { connectionId: effect.connectionId, kind: effect.kind, id, status: effect.status === 'kept' ? known : effect.status, runId, action: effect.action, at: effect.at };
  }
  return next;
}
