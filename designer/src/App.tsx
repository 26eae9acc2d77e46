/** The designer's shell: sign-in, the navigation bar, and the page for the current path. */
import { useEffect, useState, type SyntheticEvent } from 'react';
import { describeError, onSignedOut } from './api/client.ts';
import { endSession, resumeSession, whoAmI } from './api/session.ts';
import { clearToken, readToken } from './api/token.ts';
import { Login } from './auth/Login.tsx';
import { useCatalog } from './catalog.ts';
import { EditorPage } from './editor/EditorPage.tsx';
import { ConnectionsPage } from './pages/ConnectionsPage.tsx';
import { DefinitionsPage } from './pages/DefinitionsPage.tsx';
import { InboxPage } from './pages/InboxPage.tsx';
import { Link } from './pages/Link.tsx';
import { NoAccess } from './pages/NoAccess.tsx';
import { PersonPage } from './pages/PersonPage.tsx';
import { RunPage } from './pages/RunPage.tsx';
import { RunsPage } from './pages/RunsPage.tsx';
import { adminPageList, adminPages, mayOpen, type AdminPage } from './pages/admin/access.ts';
import { AuditPage } from './pages/admin/AuditPage.tsx';
import { HrSourcesPage } from './pages/admin/HrSourcesPage.tsx';
import { ImportPage, ImportsPage } from './pages/admin/ImportsPage.tsx';
import { PeoplePage } from './pages/admin/PeoplePage.tsx';
import { UsersPage } from './pages/admin/UsersPage.tsx';
import { navigate, parseRoute, personPath, useRouter, type Route } from './router.ts';
import { Empty, Toasts } from './ui/common.tsx';
import { Icon } from './ui/icons.tsx';

function Page({ route, roles }: { route: Route; roles: readonly string[] }) {
  switch (route.page) {
    case 'people':
      return <PeoplePage />;
    case 'imports':
      return <ImportsPage roles={roles} />;
    case 'import':
      return <ImportPage key={route.importId} importId={route.importId} roles={roles} />;
    case 'users':
      return <UsersPage roles={roles} />;
    case 'hr-sources':
      return <HrSourcesPage roles={roles} />;
    case 'audit':
      return <AuditPage />;
    case 'definitions':
      return <DefinitionsPage />;
    case 'editor':
      return <EditorPage key={route.definitionId ?? 'new'} definitionId={route.definitionId} />;
    case 'runs':
      return <RunsPage />;
    case 'connections':
      return <ConnectionsPage />;
    case 'run':
      return <RunPage key={route.runId} runId={route.runId} />;
    case 'inbox':
      return <InboxPage />;
    case 'person':
      return <PersonPage key={personPath(route.employeeId, route.source)} employeeId={route.employeeId} source={route.source} />;
    case 'not-found':
      return (
        <div className="page">
          <Empty title="Nothing here">
            <p>
              There is no page at <code>{route.path}</code>. <Link to="/">Go to the definitions</Link>.
            </p>
          </Empty>
        </div>
      );
  }
}

/** Jumps to a person's page by employee id, from anywhere. */
function PersonSearch() {
  const [employeeId, setEmployeeId] = useState('');
  const find = (e: SyntheticEvent) => {
    e.preventDefault();
    const id = employeeId.trim();
    if (id === '') return;
    navigate(personPath(id));
  };
  return (
    <form className="nav-search" role="search" onSubmit={find}>
      <input type="search" placeholder="Find person by employee id" aria-label="Find person by employee id" value={employeeId} onChange={(e) => setEmployeeId(e.target.value)} />
    </form>
  );
}

/** Roles that may read definitions and runs; anyone else (an approver) gets the inbox only. */
const readerRoleList = ['admin', 'designer', 'publisher', 'operator', 'auditor'];
const readerRoles = new Set(readerRoleList);

/** The admin page a route belongs to, if any: those pages open by role (pages/admin/access.ts). */
function adminPageOf(route: Route): AdminPage | null {
  switch (route.page) {
    case 'people':
    case 'person':
      return 'people';
    case 'imports':
    case 'import':
      return 'imports';
    case 'users':
      return 'users';
    case 'hr-sources':
      return 'hrSources';
    case 'audit':
      return 'audit';
    default:
      return null;
  }
}

/**
 * Whether the roles open the route: the inbox is everyone's, admin pages (a person's page among
 * them: the API shows people to the People page's roles only) go by role, the rest needs a reader.
 */
function opens(route: Route, roles: readonly string[], reads: boolean): boolean {
  if (route.page === 'inbox' || route.page === 'not-found') return true;
  const admin = adminPageOf(route);
  if (admin !== null) return mayOpen(admin, roles);
  return reads;
}

/** The page a route shows, as the notice to someone it does not open names it, and the roles that open it (admin opens all). */
function needsOf(route: Route): { page: string; needs: readonly string[] } {
  const admin = adminPageOf(route);
  const readers = readerRoleList.filter((r) => r !== 'admin');
  if (route.page === 'person') return { page: 'a person’s page', needs: adminPages.people.roles };
  if (admin !== null) return { page: adminPages[admin].label, needs: adminPages[admin].roles };
  const page = route.page === 'run' || route.page === 'runs' ? 'Runs' : route.page === 'connections' ? 'Connections' : 'Definitions';
  return { page, needs: readers };
}

function Nav({ route, roles, reads, onSignOut }: { route: Route; roles: readonly string[]; reads: boolean; onSignOut: () => void }) {
  const admin = adminPageOf(route);
  const section = route.page === 'editor' || route.page === 'definitions' ? 'definitions' : route.page === 'run' || route.page === 'runs' ? 'runs' : (admin ?? route.page);
  const adminLinks = adminPageList.filter((p) => mayOpen(p, roles));
  return (
    <nav className="nav" aria-label="Main">
      <span className="brand">Tenure</span>
      {reads && (
        <>
          <Link to="/definitions" className={section === 'definitions' ? 'nav-link is-active' : 'nav-link'}>
            <Icon name="flow" /> Definitions
          </Link>
          <Link to="/runs" className={section === 'runs' ? 'nav-link is-active' : 'nav-link'}>
            <Icon name="runs" /> Runs
          </Link>
          <Link to="/connections" className={section === 'connections' ? 'nav-link is-active' : 'nav-link'}>
            <Icon name="plug" /> Connections
          </Link>
        </>
      )}
      <Link to="/inbox" className={section === 'inbox' ? 'nav-link is-active' : 'nav-link'}>
        <Icon name="inbox" /> Inbox
      </Link>
      {adminLinks.map((p) => (
        <Link key={p} to={adminPages[p].path} className={section === p ? 'nav-link is-active' : 'nav-link'}>
          {adminPages[p].label}
        </Link>
      ))}
      <span className="nav-spacer" />
      {reads && <PersonSearch />}
      <button type="button" className="link-button nav-signout" onClick={onSignOut}>
        Sign out
      </button>
    </nav>
  );
}

export function App() {
  const path = useRouter((s) => s.path);
  const search = useRouter((s) => s.search);
  const [signedIn, setSignedIn] = useState(() => readToken() !== null);
  const [notice, setNotice] = useState<string | null>(null);
  // Without a token, the browser may hold a session from an organisation sign-in: ask the server once.
  const [resuming, setResuming] = useState(() => readToken() === null);

  useEffect(() => {
    if (!resuming) return;
    resumeSession()
      .then((live) => setSignedIn(live), (err: unknown) => setNotice(describeError(err)))
      .finally(() => setResuming(false));
  }, [resuming]);

  useEffect(
    () =>
      onSignedOut(() => {
        setSignedIn(false);
        setNotice('Your session ended: the server no longer accepts the token. Sign in again.');
      }),
    [],
  );
  useEffect(() => {
    if (signedIn) void useCatalog.getState().load();
  }, [signedIn]);
  // The roles decide which pages the navigation offers, so nobody lands on a page the server refuses them.
  const [roles, setRoles] = useState<string[] | null>(null);
  useEffect(() => {
    setRoles(null);
    if (!signedIn) return;
    whoAmI().then(
      (me) => setRoles(me.roles),
      (err: unknown) => setNotice(describeError(err)),
    );
  }, [signedIn]);
  const reads = roles?.some((r) => readerRoles.has(r)) ?? false;
  const route = parseRoute(path, search);
  const allowed = roles !== null && opens(route, roles, reads);
  // The home page is the definitions; whoever may not read them lands in their inbox instead. Any
  // other page they may not open says so (below), so a link followed is not silently lost.
  const home = path === '/';
  useEffect(() => {
    if (roles !== null && !allowed && home) navigate('/inbox');
  }, [roles, allowed, home]);

  if (resuming) return <main className="login" aria-busy="true" />;
  if (!signedIn) {
    return (
      <Login
        notice={notice}
        onSignedIn={() => {
          setNotice(null);
          setSignedIn(true);
        }}
      />
    );
  }
  if (roles === null || (!allowed && home)) return <main className="app" aria-busy="true" />;
  return (
    <div className="app">
      <Nav
        route={route}
        roles={roles}
        reads={reads}
        onSignOut={() => {
          // The next person to sign in starts at their own home page, not on the page left behind.
          navigate('/');
          clearToken();
          setSignedIn(false);
          endSession().catch((err: unknown) => setNotice(describeError(err)));
        }}
      />
      {allowed ? <Page route={route} roles={roles} /> : <NoAccess {...needsOf(route)} held={roles} />}
      <Toasts />
    </div>
  );
}
