/**
 * The action catalog from GET /api/actions, loaded once per session: the palette, the action
 * forms and the node summaries all read it.
 */
import { create } from 'zustand';
import { describeError, get } from './api/client.ts';
import type { CatalogAction } from './api/schemas.ts';

interface CatalogState {
  actions: CatalogAction[];
  byId: Record<string, CatalogAction>;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: string | null;
  load: () => Promise<void>;
}

export const useCatalog = create<CatalogState>()((set, getState) => ({
  actions: [],
  byId: {},
  status: 'idle',
  error: null,
  async load() {
    if (getState().status === 'loading' || getState().status === 'ready') return;
    set({ status: 'loading', error: null });
    try {
      const { actions } = await get('/api/actions');
      set({ actions, byId: Object.fromEntries(actions.map((a) => [a.id, a])), status: 'ready' });
    } catch (error) {
      set({ status: 'failed', error: describeError(error) });
    }
  },
}));
