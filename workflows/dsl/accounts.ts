/**
 * The account changes of a run's trace, read from the action catalog (`account`, `createsEnabled`):
 * the run reports them to its person, who applies them (runReport.ts) without the catalog.
 */
import { findAction, type ActionDeclaration } from './catalog/index.ts';
import { applyAccountChanges, field, objectOf, type AccountChange, type LinkedAccount } from './runReport.ts';
import type { TraceEntry } from './status.ts';

function statusAfter(entry: TraceEntry, declaration: ActionDeclaration): AccountChange['status'] {
  const createsEnabled = declaration.createsEnabled;
  switch (declaration.account) {
    case 'create':
      if (field(entry.output, 'created') === false || !createsEnabled) return 'kept';
      return createsEnabled(entry.input ?? {}) ? 'enabled' : 'disabled';
    case 'enable':
      return 'enabled';
    case 'disable':
      return 'disabled';
    case 'delete':
      return 'deleted';
    default:
      return 'kept';
  }
}

/** What each successful account action of a trace did to the person's account on its connection. */
export function accountChanges(trace: readonly TraceEntry[]): AccountChange[] {
  const changes: AccountChange[] = [];
  for (const entry of trace) {
    if (entry.action === undefined || entry.connectionId === undefined || entry.error !== undefined) continue;
    const declaration = findAction(entry.action);
    if (declaration?.account === undefined) continue;
    const id = objectOf(entry.output);
    changes.push({ connectionId: entry.connectionId, kind: declaration.connector, ...(id !== undefined ? { id } : {}), status: statusAfter(entry, declaration), action: entry.action, at: entry.at });
  }
  return changes;
}

/** The person's linked accounts after a run, from its trace. */
export function linkAccounts(accounts: Readonly<Record<string, LinkedAccount>>, trace: readonly TraceEntry[], runId: string): Record<string, LinkedAccount> {
  return applyAccountChanges(accounts, accountChanges(trace), runId);
}
