/**
 * The app database side of approvals: the inbox projection, approver groups, delegations, sent
 * notices and spent email links, plus the directory reads approver resolution needs (users linked
 * to people, managers from the people projection). Implements what the approval activities need
 * (activities/approvals/backend.ts) and what the API needs.
 */
import { randomBytes } from 'node:crypto';
import type { ApprovalBackend, ApproverContact } from '../../activities/approvals/backend.ts';
import type { InboxItem } from '../../activities/approvals/types.ts';
import { audit } from './audit.ts';
import type { Database } from './database.ts';
import { Conflict, NotFound } from './definitions.ts';

export interface Delegation {
  id: string;
  from: string;
  to: string;
  startsAt: string;
  endsAt: string;
  reason: string | null;
  createdBy: string;
  revoked: boolean;
}

interface DelegationRow {
  id: string;
  from_user: string;
  to_user: string;
  starts_at: Date;
  ends_at: Date;
  reason: string | null;
  created_by: string;
  revoked_at: Date | null;
}

const toDelegation = (r: DelegationRow): Delegation => ({
  id: r.id,
  from: r.from_user,
  to: r.to_user,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at.toISOString(),
  reason: r.reason,
  createdBy: r.created_by,
  revoked: r.revoked_at !== null,
});

export interface ApproverGroup {
  id: string;
  name: string;
  members: string[];
  updatedAt: string;
}

export interface InboxRow {
  item: InboxItem;
  workflowId: string;
  status: 'open' | 'closed';
}

/** How many delegation hops are followed before a chain is cut (and loops are cut at once). */
const maxHops = 5;

export function createApprovalStore(db: Database) {
  async function directDelegations(userIds: readonly string[], at: Date): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await db.query<{ from_user: string; to_user: string }>(
      `SELECT DISTINCT ON (from_user) from_user, to_user FROM approval_delegations
       WHERE from_user = ANY($1) AND revoked_at IS NULL AND starts_at <= $2 AND ends_at > $2
       ORDER BY from_user, created_at DESC`,
      [[...userIds], at],
    );
    return new Map(rows.map((r) => [r.from_user, r.to_user]));
  }

  const store = {
    async usersForEmployees(employeeIds: readonly string[]): Promise<Record<string, string>> {
      if (employeeIds.length === 0) return {};
      const rows = await db.query<{ id: string; employee_id: string }>('SELECT id, employee_id FROM users WHERE employee_id = ANY($1) AND disabled_at IS NULL', [[...employeeIds]]);
      return Object.fromEntries(rows.map((r) => [r.employee_id, r.id]));
    },

    async employeesForUsers(userIds: readonly string[]): Promise<Record<string, string>> {
      if (userIds.length === 0) return {};
      const rows = await db.query<{ id: string; employee_id: string }>('SELECT id, employee_id FROM users WHERE id = ANY($1) AND employee_id IS NOT NULL', [[...userIds]]);
      return Object.fromEntries(rows.map((r) => [r.id, r.employee_id]));
    },

    /** From the people projection: the latest record of each person, across HR sources. */
    async managersOf(employeeIds: readonly string[], attribute: string): Promise<Record<string, string>> {
      if (employeeIds.length === 0) return {};
      const rows = await db.query<{ employee_id: string; manager: string | null }>(
        `SELECT DISTINCT ON (employee_id) employee_id, attributes ->> $2::text AS manager FROM people
         WHERE employee_id = ANY($1) ORDER BY employee_id, updated_at DESC`,
        [[...employeeIds], attribute],
      );
      return Object.fromEntries(rows.flatMap((r) => (r.manager !== null && r.manager.trim() !== '' ? [[r.employee_id, r.manager.trim()]] : [])));
    },

    async groupMembers(groupId: string): Promise<string[] | undefined> {
      const [row] = await db.query<{ members: string[] }>('SELECT members FROM approver_groups WHERE id = $1', [groupId]);
      return row?.members;
    },

    async delegations(userIds: readonly string[], at: Date): Promise<Record<string, string>> {
      const result: Record<string, string> = {};
      let frontier = new Map<string, string>(userIds.map((u) => [u, u]));
      const paths = new Map<string, string[]>(userIds.map((u) => [u, [u]]));
      for (let hop = 0; hop < maxHops && frontier.size > 0; hop++) {
        const direct = await directDelegations([...new Set(frontier.values())], at);
        const next = new Map<string, string>();
        for (const [origin, current] of frontier) {
          const to = direct.get(current);
          const path = paths.get(origin) ?? [origin];
          if (to === undefined || path.includes(to)) continue;
          path.push(to);
          result[origin] = to;
          next.set(origin, to);
        }
        frontier = next;
      }
      return result;
    },

    async project(item: InboxItem): Promise<void> {
      await db.query(
        `INSERT INTO approval_inbox (id, run_id, workflow_id, node_id, definition_id, employee_id, status, pending, item, opened_at, seq, deadline)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (id) DO UPDATE SET workflow_id = EXCLUDED.workflow_id, status = EXCLUDED.status, pending = EXCLUDED.pending, item = EXCLUDED.item,
           opened_at = EXCLUDED.opened_at, seq = EXCLUDED.seq, deadline = EXCLUDED.deadline, updated_at = now()
         WHERE (approval_inbox.opened_at, approval_inbox.seq) < (EXCLUDED.opened_at, EXCLUDED.seq)`,
        [
          item.id,
          item.runId,
          item.workflowId,
          item.nodeId,
          item.definitionId,
          item.employeeId,
          item.status,
          JSON.stringify(item.status === 'open' ? item.pending : []),
          JSON.stringify(item),
          item.openedAt,
          item.seq,
          item.deadline ?? null,
        ],
      );
    },

    async contacts(userIds: readonly string[]): Promise<Record<string, ApproverContact>> {
      if (userIds.length === 0) return {};
      const rows = await db.query<{ id: string; display_name: string; email: string | null }>('SELECT id, display_name, email FROM users WHERE id = ANY($1) AND disabled_at IS NULL', [[...userIds]]);
      return Object.fromEntries(rows.map((r) => [r.id, { displayName: r.display_name, email: r.email }]));
    },

    async notified(key: string): Promise<boolean> {
      return (await db.query('SELECT 1 FROM approval_notices WHERE key = $1', [key])).length > 0;
    },

    async recordNotified(key: string, messageId: string): Promise<void> {
      await db.query('INSERT INTO approval_notices (key, message_id) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, messageId]);
    },

    /** Open items the user may decide now, soonest deadline first. */
    async pendingFor(userId: string): Promise<InboxItem[]> {
      const rows = await db.query<{ item: InboxItem }>(
        `SELECT item FROM approval_inbox WHERE status = 'open' AND pending @> $1::jsonb ORDER BY deadline ASC NULLS LAST, opened_at ASC, id ASC LIMIT 500`,
        [JSON.stringify([userId])],
      );
      return rows.map((r) => r.item);
    },

    async get(id: string): Promise<InboxRow | undefined> {
      const [row] = await db.query<{ item: InboxItem; workflow_id: string; status: 'open' | 'closed' }>('SELECT item, workflow_id, status FROM approval_inbox WHERE id = $1', [id]);
      return row ? { item: row.item, workflowId: row.workflow_id, status: row.status } : undefined;
    },

    async createDelegation(input: { from: string; to: string; endsAt: Date; reason?: string | undefined }, actor: string): Promise<Delegation> {
      const id = randomBytes(8).toString('hex');
      return db.transaction(async (tx) => {
        const [row] = await tx.query<DelegationRow>(
          'INSERT INTO approval_delegations (id, from_user, to_user, ends_at, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
          [id, input.from, input.to, input.endsAt, input.reason ?? null, actor],
        );
        if (!row) throw new Error('the delegation insert returned nothing');
        await audit(tx, { actor, action: 'approval.delegation.create', targetType: 'user', targetId: input.from, details: { delegationId: id, to: input.to, endsAt: input.endsAt.toISOString() } });
        return toDelegation(row);
      });
    },

    async listDelegations(userId: string | undefined): Promise<Delegation[]> {
      const rows =
        userId === undefined
          ? await db.query<DelegationRow>('SELECT * FROM approval_delegations ORDER BY created_at DESC LIMIT 500')
          : await db.query<DelegationRow>('SELECT * FROM approval_delegations WHERE from_user = $1 OR to_user = $1 ORDER BY created_at DESC LIMIT 500', [userId]);
      return rows.map(toDelegation);
    },

    async getDelegation(id: string): Promise<Delegation> {
      const [row] = await db.query<DelegationRow>('SELECT * FROM approval_delegations WHERE id = $1', [id]);
      if (!row) throw new NotFound(`no delegation "${id}"`);
      return toDelegation(row);
    },

    async revokeDelegation(id: string, actor: string): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx.query<{ from_user: string }>('UPDATE approval_delegations SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING from_user', [id, actor]);
        if (!row) throw new Conflict(`delegation "${id}" is already revoked`);
        await audit(tx, { actor, action: 'approval.delegation.revoke', targetType: 'user', targetId: row.from_user, details: { delegationId: id } });
      });
    },

    async putGroup(input: { id: string; name: string; members: string[] }, actor: string): Promise<ApproverGroup> {
      return db.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string; name: string; members: string[]; updated_at: Date }>(
          `INSERT INTO approver_groups (id, name, members, created_by, updated_by) VALUES ($1, $2, $3, $4, $4)
           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, members = EXCLUDED.members, updated_at = now(), updated_by = EXCLUDED.updated_by
           RETURNING id, name, members, updated_at`,
          [input.id, input.name, JSON.stringify(input.members), actor],
        );
        if (!row) throw new Error('the group upsert returned nothing');
        await audit(tx, { actor, action: 'approval.group.put', targetType: 'approver_group', targetId: input.id, details: { members: input.members } });
        return { id: row.id, name: row.name, members: row.members, updatedAt: row.updated_at.toISOString() };
      });
    },

    async listGroups(): Promise<ApproverGroup[]> {
      const rows = await db.query<{ id: string; name: string; members: string[]; updated_at: Date }>('SELECT id, name, members, updated_at FROM approver_groups ORDER BY id');
      return rows.map((r) => ({ id: r.id, name: r.name, members: r.members, updatedAt: r.updated_at.toISOString() }));
    },

    /** Marks an email link's nonce used; false when it already was (a replayed link). */
    async spendLink(use: { nonce: string; approvalId: string; userId: string; decision: string }): Promise<boolean> {
      const rows = await db.query('INSERT INTO approval_link_uses (nonce, approval_id, user_id, decision) VALUES ($1, $2, $3, $4) ON CONFLICT (nonce) DO NOTHING RETURNING nonce', [
        use.nonce,
        use.approvalId,
        use.userId,
        use.decision,
      ]);
      return rows.length > 0;
    },

    async linkSpent(nonce: string): Promise<boolean> {
      return (await db.query('SELECT 1 FROM approval_link_uses WHERE nonce = $1', [nonce])).length > 0;
    },

    /** Gives a nonce back when the decision never reached the run (Temporal unreachable), so the link can be tried again. */
    async unspendLink(nonce: string): Promise<void> {
      await db.query('DELETE FROM approval_link_uses WHERE nonce = $1', [nonce]);
    },
  } satisfies ApprovalBackend & Record<string, unknown>;
  return store;
}

export type ApprovalStore = ReturnType<typeof createApprovalStore>;
