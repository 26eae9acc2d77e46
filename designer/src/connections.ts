/**
 * The connections and connector kinds the server knows, shared by the Connections page, the
 * definitions' checklists and the step inspector's connection picker. `refresh` always asks the
 * server again (a picker on focus, a page after a change), so a connection created in one place
 * shows up in the others without a reload.
 */
import { create } from 'zustand';
import { fetchConnections, fetchConnectors, type ConnectionView, type ConnectorView } from './api/connections.ts';
import { describeError } from './api/client.ts';

interface ConnectionsState {
  list: ConnectionView[];
  connectors: ConnectorView[];
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: string | null;
  /** Loads once; later calls do nothing. */
  load: () => Promise<void>;
  /** Loads again now; calls made while a load is under way share it. */
  refresh: () => Promise<void>;
  /** Puts a connection the server just answered with into the list, without a round trip. */
  upsert: (connection: ConnectionView) => void;
}

let inFlight: Promise<void> | null = null;

export const useConnections = create<ConnectionsState>()((set, getState) => ({
  list: [],
  connectors: [],
  status: 'idle',
  error: null,
  async load() {
    if (getState().status !== 'idle') return inFlight ?? undefined;
    return getState().refresh();
  },
  async refresh() {
    if (inFlight) return inFlight;
    if (getState().status !== 'ready') set({ status: 'loading' });
    inFlight = (async () => {
      try {
        const [list, connectors] = await Promise.all([fetchConnections(), getState().connectors.length > 0 ? getState().connectors : fetchConnectors()]);
        set({ list, connectors, status: 'ready', error: null });
      } catch (error) {
        set({ status: 'failed', error: describeError(error) });
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  },
  upsert(connection) {
    const others = getState().list.filter((c) => c.id !== connection.id);
    set({ list: [...others, connection].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) });
  },
}));
