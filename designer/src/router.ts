/**
 * A small history router: the server answers every non-API path with the designer's index page,
 * so paths like /definitions/onboarding and /runs/<id> can be bookmarked and reloaded.
 */
import { create } from 'zustand';

export type Route =
  | { page: 'definitions' }
  | { page: 'editor'; definitionId: string | null }
  | { page: 'runs' }
  | { page: 'connections' }
  | { page: 'run'; runId: string }
  | { page: 'inbox' }
  | { page: 'person'; employeeId: string; source: string | null }
  | { page: 'people' }
  | { page: 'imports' }
  | { page: 'import'; importId: string }
  | { page: 'users' }
  | { page: 'hr-sources' }
  | { page: 'audit' }
  | { page: 'not-found'; path: string };

/** The route of a path and its query (`?source=` names the HR source of a person's page). */
export function parseRoute(path: string, search = ''): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (first === undefined) return { page: 'definitions' };
  if (first === 'definitions' && parts.length === 1) return { page: 'definitions' };
  if (first === 'definitions' && second === 'new' && parts.length === 2) return { page: 'editor', definitionId: null };
  if (first === 'definitions' && second !== undefined && parts.length === 2) return { page: 'editor', definitionId: second };
  if (first === 'runs' && parts.length === 1) return { page: 'runs' };
  if (first === 'connections' && parts.length === 1) return { page: 'connections' };
  if (first === 'runs' && second !== undefined && parts.length === 2) return { page: 'run', runId: second };
  if (first === 'inbox' && parts.length === 1) return { page: 'inbox' };
  if (first === 'people' && parts.length === 1) return { page: 'people' };
  if (first === 'imports' && parts.length === 1) return { page: 'imports' };
  if (first === 'imports' && second !== undefined && parts.length === 2) return { page: 'import', importId: second };
  if (first === 'users' && parts.length === 1) return { page: 'users' };
  if (first === 'hr-sources' && parts.length === 1) return { page: 'hr-sources' };
  if (first === 'audit' && parts.length === 1) return { page: 'audit' };
  if (first === 'people' && second !== undefined && parts.length === 2) return { page: 'person', employeeId: second, source: new URLSearchParams(search).get('source') };
  return { page: 'not-found', path };
}

/**
 * A person's page. People are keyed by HR source and employee id, and two sources may send the same
 * id, so every link that knows the source names it; without one the page asks which source is meant.
 */
export function personPath(employeeId: string, source?: string | null): string {
  const path = `/people/${encodeURIComponent(employeeId)}`;
  return source === undefined || source === null ? path : `${path}?${new URLSearchParams({ source }).toString()}`;
}

/** Asked before an in-app navigation; answering false stays (the editor protects unsaved work). */
let leaveGuard: ((to: string) => boolean) | null = null;
export function setLeaveGuard(guard: ((to: string) => boolean) | null): void {
  leaveGuard = guard;
}

interface RouterState {
  path: string;
  search: string;
  navigate: (to: string) => void;
}

export const useRouter = create<RouterState>()((set) => ({
  path: window.location.pathname,
  search: window.location.search,
  navigate(to) {
    const url = new URL(to, window.location.origin);
    if (url.pathname + url.search === window.location.pathname + window.location.search) return;
    if (leaveGuard && !leaveGuard(url.pathname)) return;
    window.history.pushState(null, '', url.pathname + url.search);
    set({ path: url.pathname, search: url.search });
  },
}));

window.addEventListener('popstate', () => useRouter.setState({ path: window.location.pathname, search: window.location.search }));

export const navigate = (to: string) => useRouter.getState().navigate(to);
