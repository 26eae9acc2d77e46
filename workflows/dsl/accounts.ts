/**
 * The account changes of a run's trace, read from the action catalog (`account`, `createsEnabled`):
 * the run reports them to its person, who applies them (runReport.ts) without the catalog.
 *
 * The catalog says what an action does to *an* account; whose account it is, only the step's input
 * says. A step may name someone else — the manager the manager steps look up by `[managerId]`, an
 * approver, a helpdesk user — and its output then names that user's account, which must never
 * become the person's. So a change counts for the person only when the input names the person: by
 * their employee id (what every anchor is), or by an account id an earlier step of the run already
 * recorded as theirs on that connection (a user named by the `id` a create or find returned).
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

/**
 * Input fields that name the user an account action acts on, in every connector's catalog: `anchor`
 * (AD, LDAP), `user` (Entra ID), `matchValue` or `userId` (SCIM), `value` (SCIM find), and the
 * anchor a create writes (`employeeId` in Entra ID, `externalId` in SCIM).
 */
const subjectFields = ['anchor', 'user', 'matchValue', 'userId', 'value', 'employeeId', 'externalId'] as const;

function subjectOf(input: Readonly<Record<string, unknown>> | undefined): string | undefined {
  for (const name of subjectFields) {
    const value = input?.[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * What each successful account action of a trace did to the account of the person whose employee id
 * is `employeeId`, on its connection. Steps whose input names another user are left out.
 */
export function accountChanges(trace: readonly TraceEntry[], employeeId: string): AccountChange[] {
  const changes: AccountChange[] = [];
  const own = new Map<string, Set<string>>();
  for (const entry of trace) {
    if (entry.action === undefined || entry.connectionId === undefined || entry.error !== undefined) continue;
    const declaration = findAction(entry.action);
    if (declaration?.account === undefined) continue;
    const ids = own.get(entry.connectionId) ?? new Set<string>();
    const subject = subjectOf(entry.input);
    if (subject !== undefined && subject !== employeeId && !ids.has(subject)) continue;
    const id = objectOf(entry.output);
    if (id !== undefined) own.set(entry.connectionId, ids.add(id));
    changes.push({ connectionId: entry.connectionId, kind: declaration.connector, ...(id !== undefined ? { id } : {}), status: statusAfter(entry, declaration), action: entry.action, at: entry.at });
  }
  return changes;
}

/** The person's linked accounts after a run, from its trace. */
export function linkAccounts(accounts: Readonly<Record<string, LinkedAccount>>, trace: readonly TraceEntry[], runId: string, employeeId: string): Record<string, LinkedAccount> {
  return applyAccountChanges(accounts, accountChanges(trace, employeeId), runId);
}
