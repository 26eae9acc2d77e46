/** The designer's shell. The editor, runs and inbox arrive with their own pages. */
import { useEffect, useState } from 'react';

interface Health {
  status: 'ok' | 'degraded';
  checks: Record<string, { ok: boolean; error?: string }>;
}

function isHealth(v: unknown): v is Health {
  return typeof v === 'object' && v !== null && 'status' in v && 'checks' in v;
}

export function App() {
  const [health, setHealth] = useState<Health | string>('checking…');
  useEffect(() => {
    fetch('/healthz')
      .then((r) => r.json())
      .then((body: unknown) => setHealth(isHealth(body) ? body : 'unexpected answer from /healthz'))
      .catch((e: unknown) => setHealth(`cannot reach the server: ${String(e)}`));
  }, []);
  return (
    <main className="shell">
      <h1>Tenure</h1>
      <p>Identity lifecycles as durable workflows. The visual designer lives here.</p>
      <section aria-label="System status">
        <h2>System</h2>
        {typeof health === 'string' ? (
          <p>{health}</p>
        ) : (
          <ul>
            {Object.entries(health.checks).map(([name, c]) => (
              <li key={name} data-ok={c.ok}>
                {name}: {c.ok ? 'ok' : (c.error ?? 'failing')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
