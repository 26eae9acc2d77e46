/** A connection test's report: every stage in order, passed or failed, what it found, how long it took. */
import type { TestReportView } from '../api/connections.ts';

const stageNames: Record<string, string> = {
  config: 'Settings',
  dns: 'DNS',
  tcp: 'TCP',
  tls: 'TLS',
  bind: 'Bind',
  auth: 'Sign-in',
  permission: 'Permissions',
  http: 'HTTP',
  smtp: 'SMTP',
};

export function TestReport({ report, connectionName }: { report: TestReportView; connectionName: string }) {
  return (
    <section className="test-report" aria-label={`Test of ${connectionName}`} data-ok={report.ok}>
      <h3>
        {report.ok ? 'Every stage passed' : `Failed at ${stageNames[report.steps.find((s) => !s.ok)?.step ?? ''] ?? 'a stage'}`}
      </h3>
      <ol className="stage-list">
        {report.steps.map((s, i) => (
          <li key={`${s.step}-${i}`} className="stage" data-step={s.step} data-ok={s.ok}>
            <span className="stage-name">{stageNames[s.step] ?? s.step}</span>
            <span className="pill" data-status={s.ok ? 'done' : 'failed'}>
              {s.ok ? 'ok' : 'failed'}
            </span>
            <span className="stage-ms muted small">{s.ms === undefined ? '' : `${s.ms} ms`}</span>
            <span className="stage-detail">{s.detail}</span>
          </li>
        ))}
      </ol>
      {!report.ok && <p className="muted small">Later stages did not run: each needs the one before it.</p>}
    </section>
  );
}
