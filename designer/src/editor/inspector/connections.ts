/** The connections the server knows (GET /api/connections), loaded once, for the action form's picker. */
import { create } from 'zustand';
import { describeError, get } from '../../api/client.ts';
import { connectionListSchema } from '../../api/schemas.ts';

interface ConnectionsState {
  list: { id: string; kind: string; name: string }[];
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: string | null;
  load: () => Promise<void>;
}

export const useConnections = create<ConnectionsState>()((set, getState) => ({
  list: [],
  status: 'idle',
  error: null,
  async load() {
    if (getState().status !== 'idle') return;
    set({ status: 'loading' });
    try {
      const { connections } = await get('/api/connections', connectionListSchema);
      set({ list: connections.map((c) => ({ id: c.id, kind: c.kind, name: c.name })), status: 'ready' });
    } catch (error) {
      set({ status: 'failed', error: describeError(error) });
    }
  },
}));
