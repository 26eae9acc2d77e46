/**
 * What a simulation found, step by step in the order the run would take them: each decision with
 * its conditions and the fact values they saw, computed parameters, when waits would end, who
 * would be asked, and the exact operations that would be sent to targets.
 */
import { isPresenceOperator } from '../../../../workflows/dsl/index.ts';
import type { SimulationView, TraceEntryView } from '../../api/schemas.ts';
import { useCatalog } from '../../catalog.ts';
import { StatusPill } from '../../ui/common.tsx';
import { formatInstant, formatValue } from '../../ui/format.ts';
import { useEditor } from '../store.ts';

function StepDetails({ entry }: { entry: TraceEntryView }) {
  return (
    <>
      {entry.rules?.map((r) => (
        <div key={r.outcome} className="sim-rule" data-matched={r.matched}>
          <div>
            <span className="sim-mark">{r.matched ? '✓' : '✗'}</span> rule <strong>{r.outcome}</strong> {r.matched ? 'holds' : 'does not hold'}
          </div>
          <ul className="sim-conditions">
            {r.conditions.map((c, i) => (
              <li key={i} data-result={c.result}>
                <code>
                  {c.fact}
                  {c.path ?? ''}
                </code>{' '}
                is <code>{formatValue(c.factValue)}</code> — {c.operator}
                {isPresenceOperator(c.operator) ? '' : <> <code>{formatValue(c.value)}</code></>} {c.result ? '✓' : '✗'}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {entry.input !== undefined && (
        <table className="kv">
          <tbody>
            {Object.entries(entry.input).map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td>
                  <code>{formatValue(v)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entry.until !== undefined && <p className="small">Would wait until {formatInstant(entry.until)}</p>}
      {entry.approvers !== undefined && (
        <p className="small">
          Would ask {entry.approvers.join(', ') || 'nobody'}; simulated as <strong>{entry.handle}</strong>
        </p>
      )}
      {entry.error !== undefined && <p className="field-problem">{entry.error}</p>}
    </>
  );
}

export function SimulationResult({ result }: { result: SimulationView }) {
  const nodes = useEditor((s) => s.nodes);
  const byId = useCatalog((s) => s.byId);
  const labelOf = (id: string) => {
    const n = nodes.find((x) => x.id === id);
    return typeof n?.data.label === 'string' && n.data.label !== '' ? n.data.label : id;
  };
  const focus = (id: string) => {
    useEditor.getState().select(id);
    useEditor.getState().requestFocus(id);
  };
  const t = result.trigger;
  return (
    <div className="sim-result" data-testid="simulation-result" data-outcome={result.outcome}>
      <div className="sim-banner" data-outcome={result.outcome}>
        <StatusPill status={result.outcome} />
        <span>
          {result.outcome === 'succeeded' ? `The run would finish after ${result.path.length} steps.` : `The run would fail: ${result.error ?? 'see the failed step'}`}
        </span>
      </div>
      <p className="small muted">
        {t.eventMatches === false
          ? 'This event type does not start the definition (see its trigger).'
          : t.scope?.matched === false
            ? 'The trigger’s “who” rule does not match this person.'
            : t.changeMatches === false
              ? 'None of the watched attributes changed.'
              : 'The trigger would start it for this person.'}
      </p>

      <h4>Path</h4>
      <ol className="sim-steps">
        {result.trace.map((entry, i) => (
          <li key={i} className="sim-step" data-node={entry.nodeId}>
            <button type="button" className="link-button sim-step-title" onClick={() => focus(entry.nodeId)}>
              {labelOf(entry.nodeId)}
            </button>
            {entry.handle !== undefined && entry.handle !== 'next' && <span className="chip">→ {entry.handle}</span>}
            <StepDetails entry={entry} />
          </li>
        ))}
      </ol>

      <h4>Operations that would be sent</h4>
      {result.operations.length === 0 ? (
        <p className="muted small">None: this path changes nothing in any target.</p>
      ) : (
        <ol className="sim-operations" aria-label="Planned operations">
          {result.operations.map((op, i) => (
            <li key={i} className="sim-operation" data-action={op.action}>
              <div>
                <strong>{byId[op.action]?.label ?? op.action}</strong> <code>{op.action}</code>
                {op.connectionId !== undefined && <span className="chip">{op.connectionId}</span>}
                <span className="muted small"> · {labelOf(op.nodeId)}</span>
              </div>
              <pre className="code small">{JSON.stringify(op.input, null, 2)}</pre>
            </li>
          ))}
        </ol>
      )}
      {Object.keys(result.vars).length > 0 && (
        <>
          <h4>Run variables at the end</h4>
          <pre className="code small">{JSON.stringify(result.vars, null, 2)}</pre>
        </>
      )}
      <p className="muted small">Simulated from {formatInstant(result.startedAt)}; nothing was written to any target.</p>
    </div>
  );
}
