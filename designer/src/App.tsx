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
import { PersonPage } from './pages/PersonPage.tsx';
import { RunPage } from './pages/RunPage.tsx';
import { RunsPage } from './pages/RunsPage.tsx';
import { navigate, parseRoute, useRouter, type Route } from './router.ts';
import { Empty, Toasts } from './ui/common.tsx';
import { Icon } from './ui/icons.tsx';

function Page({ route }: { route: Route }) {
  switch (route.page) {
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
      return <PersonPage key={route.employeeId} employeeId={route.employeeId} />;
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
    navigate(`/people/${encodeURIComponent(id)}`);
  };
  return (
    <form className="nav-search" role="search" onSubmit={find}>
      <input type="search" placeholder="Find person by employee id" aria-label="Find person by employee id" value={employeeId} onChange={(e) => setEmployeeId(e.target.value)} />
    </form>
  );
}

/** Roles that may read definitions and runs; anyone else (an approver) gets the inbox only. */
const readerRoles = new Set(['admin', 'designer', 'publisher', 'operator', 'auditor']);

function Nav({ route, reads, onSignOut }: { route: Route; reads: boolean; onSignOut: () => void }) {
  const section = route.page === 'editor' || route.page === 'definitions' ? 'definitions' : route.page === 'run' || route.page === 'runs' ? 'runs' : route.page;
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
  const route = parseRoute(path);
  useEffect(() => {
    if (roles !== null && !reads && route.page !== 'inbox') navigate('/inbox');
  }, [roles, reads, route.page]);

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
  if (roles === null || (!reads && route.page !== 'inbox')) return <main className="app" aria-busy="true" />;
  return (
    <div className="app">
      <Nav
        route={route}
        reads={reads}
        onSignOut={() => {
          clearToken();
          setSignedIn(false);
          endSession().catch((err: unknown) => setNotice(describeError(err)));
        }}
      />
      <Page route={route} />
      <Toasts />
    </div>
  );
}
