/**
 * What a definition needs before it can run: each connection its steps name, whether it exists, is
 * of the kind those steps work on, and passed its last test. Publishing refuses a missing or
 * wrong-kind connection; an untested or failing one publishes but its steps would fail.
 */
import type { ConnectionView } from '../api/connections.ts';
import type { CatalogAction, Draft } from '../api/schemas.ts';

export type NeedState = 'missing' | 'wrong-kind' | 'untested' | 'failing' | 'ready';

export interface Need {
  connectionId: string;
  /** The connector kind its steps work on; undefined when their actions are unknown. */
  kind: string | undefined;
  /** The steps that name it, by label (or id). */
  steps: string[];
  state: NeedState;
  /** For a failing test: the stage that failed. */
  failedStep: string | null;
}

export function definitionNeeds(draft: Pick<Draft, 'nodes'>, actions: Readonly<Record<string, CatalogAction>>, connections: readonly ConnectionView[]): Need[] {
  const byId = new Map<string, { kind: string | undefined; steps: string[] }>();
  for (const node of draft.nodes) {
    const { connectionId, action, label } = node.data;
    if (node.type !== 'action' || typeof connectionId !== 'string' || connectionId === '') continue;
    const kind = typeof action === 'string' ? actions[action]?.connector : undefined;
    const entry = byId.get(connectionId) ?? { kind, steps: [] };
    entry.kind ??= kind;
    entry.steps.push(typeof label === 'string' && label !== '' ? label : node.id);
    byId.set(connectionId, entry);
  }
  return [...byId.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([connectionId, { kind, steps }]) => {
      const found = connections.find((c) => c.id === connectionId);
      const state: NeedState =
        found === undefined ? 'missing' : kind !== undefined && found.kind !== kind ? 'wrong-kind' : found.lastTest === null ? 'untested' : found.lastTest.ok ? 'ready' : 'failing';
      return { connectionId, kind, steps, state, failedStep: found?.lastTest?.failedStep ?? null };
    });
}
