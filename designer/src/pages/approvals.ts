/**
 * The caller's pending approvals. GET /api/approvals lists them where the server offers it; a
 * server without that route is asked run by run (the running runs' open approvals), which lists
 * every open approval — the server still refuses a decision from someone not assigned.
 */
import { ApiFailure, get } from '../api/client.ts';
import type { ApprovalItem } from '../api/schemas.ts';

/** What the fallback cannot know (a run's view has no person's name, and no words for what approving does) is absent. */
export type InboxCard = Optional<ApprovalItem, 'person' | 'step' | 'onApprove' | 'requestedBy'>;
/** `T` with the keys `K` optional (key remapping keeps the named keys of a type that also has an index signature; `Omit` would not). */
type Optional<T, K extends keyof T> = { [P in keyof T as P extends K ? never : P]: T[P] } & { [P in K]?: T[P] };

export interface Inbox {
  items: InboxCard[];
  /** Whether the list is the caller's own (the approvals route) or every open approval (the fallback). */
  personal: boolean;
}

async function fromRuns(): Promise<InboxCard[]> {
  const { runs } = await get('/api/runs', { params: { query: { status: 'RUNNING', limit: 200 } } });
  const items: InboxCard[] = [];
  // A few at a time: each is a Temporal query.
  for (let i = 0; i < runs.length; i += 6) {
    const views = await Promise.all(runs.slice(i, i + 6).map((r) => get('/api/runs/{id}', { params: { path: { id: r.id } } }).catch(() => null)));
    for (const v of views) {
      if (!v) continue;
      for (const a of v.openApprovals) {
        items.push({
          id: `${v.run.id}:${a.nodeId}`,
          runId: v.run.id,
          nodeId: a.nodeId,
          employeeId: v.run.employeeId,
          definitionId: v.run.definitionId,
          approvers: a.approvers,
          openedAt: a.openedAt,
          // No question of its own: the inbox words it.
          question: a.question ?? '',
          ...(a.deadline !== undefined ? { deadline: a.deadline } : {}),
        });
      }
    }
  }
  return items.sort((a, b) => b.openedAt.localeCompare(a.openedAt));
}

export async function loadInbox(): Promise<Inbox> {
  try {
    const { approvals } = await get('/api/approvals');
    return { items: approvals, personal: true };
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 404 && error.message.startsWith('no route')) return { items: await fromRuns(), personal: false };
    throw error;
  }
}
