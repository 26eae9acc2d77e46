/**
 * The connections: every target system Tenure reaches, whether its last test passed, and a form to
 * create or edit one from its connector's declaration. Testing shows each stage the server checked.
 *
 * `/connections?new=<id>&kind=<kind>` opens the form for a connection a definition names but that
 * does not exist yet; `/connections?show=<id>` opens one to test it.
 */
import { useEffect, useState } from 'react';
import { describeError } from '../api/client.ts';
import { testConnection, type ConnectionView, type TestReportView } from '../api/connections.ts';
import { useConnections } from '../connections.ts';
import { navigate, useRouter } from '../router.ts';
import { Empty, ErrorNote, Spinner } from '../ui/common.tsx';
import { formatInstant, formatRelative } from '../ui/format.ts';
import { toast } from '../ui/toast.ts';
import { ConnectionForm } from './ConnectionForm.tsx';
import './connections.css';
import { TestReport } from './TestReport.tsx';

type Panel = { mode: 'new'; start: { id?: string; kind?: string } } | { mode: 'edit'; id: string } | { mode: 'view'; id: string } | null;

function LastTest({ connection }: { connection: ConnectionView }) {
  const last = connection.lastTest;
  if (last === null) return <span className="muted">not tested</span>;
  return (
    <span title={formatInstant(last.at)}>
      <span className="pill" data-status={last.ok ? 'done' : 'failed'}>
        {last.ok ? 'passed' : `failed at ${last.failedStep ?? 'a stage'}`}
      </span>{' '}
      <span className="muted small">{formatRelative(last.at)}</span>
    </span>
  );
}

function panelFromSearch(search: string): Panel {
  const params = new URLSearchParams(search);
  const show = params.get('show');
  if (show !== null && show !== '') return { mode: 'view', id: show };
  if (!params.has('new')) return null;
  const id = params.get('new') ?? '';
  const kind = params.get('kind') ?? '';
  return { mode: 'new', start: { ...(id !== '' ? { id } : {}), ...(kind !== '' ? { kind } : {}) } };
}

interface TestNotRun {
  couldNotRun: string;
}
/** The test answer's type allows any extra field, so `in` alone cannot tell a test that could not run from a report. */
const couldNotRun = (report: TestReportView | TestNotRun): report is TestNotRun => 'couldNotRun' in report && typeof report.couldNotRun === 'string';

export function ConnectionsPage() {
  const list = useConnections((s) => s.list);
  const connectors = useConnections((s) => s.connectors);
  const status = useConnections((s) => s.status);
  const error = useConnections((s) => s.error);
  const search = useRouter((s) => s.search);
  const [panel, setPanel] = useState<Panel>(() => panelFromSearch(search));
  const [reports, setReports] = useState<Record<string, TestReportView | 'testing' | TestNotRun>>({});

  useEffect(() => {
    void useConnections.getState().refresh();
  }, []);
  useEffect(() => {
    const fromSearch = panelFromSearch(search);
    if (fromSearch) setPanel(fromSearch);
  }, [search]);

  const open = (next: Panel) => {
    setPanel(next);
    if (search !== '') navigate('/connections');
  };

  const test = async (id: string) => {
    setReports((r) => ({ ...r, [id]: 'testing' }));
    try {
      const report = await testConnection(id);
      setReports((r) => ({ ...r, [id]: report }));
    } catch (e) {
      setReports((r) => ({ ...r, [id]: { couldNotRun: describeError(e) } }));
    }
    await useConnections.getState().refresh();
  };

  const selected = panel !== null && panel.mode !== 'new' ? list.find((c) => c.id === panel.id) : undefined;
  const report = selected ? reports[selected.id] : undefined;
  const labelOf = (kind: string) => connectors.find((c) => c.kind === kind)?.label ?? kind;

  return (
    <div className="page connections-page">
      <div className="page-head">
        <h1>Connections</h1>
        <button type="button" className="button primary" onClick={() => open({ mode: 'new', start: {} })}>
          New connection
        </button>
      </div>
      <p className="muted">
        The systems steps act on. A step names a connection by its id; the connection holds the endpoint, settings and credentials. <code>docs/connectors.md</code> describes the
        settings of each kind.
      </p>
      {error !== null && <ErrorNote message={`The connections could not be loaded: ${error}`} onRetry={() => void useConnections.getState().refresh()} />}
      {status !== 'ready' && error === null && <Spinner label="Loading connections…" />}
      <div className="connections-body">
        <div className="connections-list">
          {status === 'ready' && list.length === 0 && (
            <Empty title="No connections yet">
              <p>Create one for each system your definitions act on: Active Directory, Entra ID, SCIM apps, mail.</p>
            </Empty>
          )}
          {list.length > 0 && (
            <table className="table" aria-label="Connections">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Kind</th>
                  <th>Secrets</th>
                  <th>Last test</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id} data-connection={c.id} aria-selected={selected?.id === c.id}>
                    <td>
                      <button type="button" className="link-button" onClick={() => open({ mode: 'view', id: c.id })}>
                        {c.name}
                      </button>
                      <div className="muted small">
                        <code>{c.id}</code>
                      </div>
                    </td>
                    <td>{labelOf(c.kind)}</td>
                    <td className="small">{c.secretFields.length === 0 ? <span className="muted">none set</span> : c.secretFields.map((f) => `${f} set`).join(', ')}</td>
                    <td>
                      <LastTest connection={c} />
                    </td>
                    <td className="row-actions">
                      <button type="button" className="button small" onClick={() => open({ mode: 'edit', id: c.id })} aria-label={`Edit ${c.name}`}>
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button small"
                        disabled={reports[c.id] === 'testing'}
                        onClick={() => {
                          open({ mode: 'view', id: c.id });
                          void test(c.id);
                        }}
                        aria-label={`Test ${c.name}`}
                      >
                        Test
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {panel !== null && status === 'ready' && (
          <aside className="connections-panel">
            {panel.mode === 'new' && (
              <ConnectionForm
                key={`new-${panel.start.id ?? ''}-${panel.start.kind ?? ''}`}
                connectors={connectors}
                existing={null}
                start={panel.start}
                onSaved={(saved) => {
                  toast('success', `Created ${saved.name}`);
                  setPanel({ mode: 'view', id: saved.id });
                }}
                onCancel={() => open(null)}
              />
            )}
            {panel.mode === 'edit' && selected && (
              <ConnectionForm
                key={`edit-${selected.id}-${selected.version}`}
                connectors={connectors}
                existing={selected}
                onSaved={(saved) => {
                  toast('success', `Saved ${saved.name}`);
                  setPanel({ mode: 'view', id: saved.id });
                }}
                onCancel={() => setPanel({ mode: 'view', id: selected.id })}
              />
            )}
            {panel.mode === 'view' && selected && (
              <section aria-label={selected.name}>
                <h2>{selected.name}</h2>
                <p className="muted small">
                  <code>{selected.id}</code> · {labelOf(selected.kind)} · version {selected.version}, saved {formatRelative(selected.updatedAt)} by {selected.updatedBy}
                </p>
                <div className="button-row">
                  <button type="button" className="button primary" disabled={report === 'testing'} onClick={() => void test(selected.id)}>
                    Test connection
                  </button>
                  <button type="button" className="button" onClick={() => setPanel({ mode: 'edit', id: selected.id })}>
                    Edit
                  </button>
                </div>
                {report === 'testing' && <Spinner label="Testing each stage…" />}
                {report !== undefined && report !== 'testing' && (couldNotRun(report) ? <ErrorNote message={`The test could not run: ${report.couldNotRun}`} /> : <TestReport report={report} connectionName={selected.name} />)}
                {report === undefined && (
                  <p className="muted">
                    Last test: <LastTest connection={selected} />
                  </p>
                )}
              </section>
            )}
          </aside>
        )}
      </div>
    </div>
  );
}
