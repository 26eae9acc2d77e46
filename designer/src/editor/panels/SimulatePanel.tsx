/**
 * Simulate: a dry run of the draft on the server (POST /api/simulate) for the sample person and an
 * HR event. The path is highlighted on the canvas; nothing is written to any target.
 */
import { useState } from 'react';
import { hrEventTypes } from '../../../../workflows/dsl/index.ts';
import { describeError, post } from '../../api/client.ts';
import type { SimulationView } from '../../api/schemas.ts';
import { useSample } from '../../sample.ts';
import { ErrorNote } from '../../ui/common.tsx';
import { toDraft } from '../graph.ts';
import { statusOverlay } from '../overlay.ts';
import { useEditor } from '../store.ts';
import { SampleEditor } from './SampleEditor.tsx';
import { SimulationResult } from './SimulationResult.tsx';

const outcomes = ['approved', 'rejected', 'timeout'] as const;

export function SimulatePanel() {
  // A dry run needs a valid graph; the connections it names need not exist yet.
  const problems = useEditor((s) => s.draftProblems);
  const overlayKind = useEditor((s) => s.overlay?.kind);
  const meaning = useEditor((s) => s.meaning);
  const [event, setEvent] = useState<(typeof hrEventTypes)[number] | ''>('hire');
  const [approval, setApproval] = useState<(typeof outcomes)[number]>('approved');
  const [sampleValid, setSampleValid] = useState(true);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ view: SimulationView; meaning: string } | null>(null);

  const simulate = async () => {
    setRunning(true);
    setError(null);
    const s = useEditor.getState();
    const sample = useSample.getState();
    try {
      const view = await post('/api/simulate', {
        body: {
          definition: toDraft(s.meta, s.nodes, s.edges),
          person: { employeeId: sample.employeeId, attributes: sample.attributes },
          ...(event !== '' ? { event: { type: event } } : {}),
          approvalOutcome: approval,
        },
      });
      setResult({ view, meaning: s.meaning });
      useEditor.getState().setOverlay(statusOverlay('simulation', view.nodes, view.trace, s.edges));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setRunning(false);
    }
  };
  const clear = () => {
    setResult(null);
    useEditor.getState().setOverlay(null);
  };
  const stale = result !== null && result.meaning !== meaning;

  return (
    <div className="panel-body">
      <p className="small muted">A dry run on the server: decisions, parameters, waits and approvals as a real run would see them, and the operations it would send. Nothing is written anywhere.</p>
      <SampleEditor onValidity={setSampleValid} />
      <div className="inline-fields">
        <label className="field-label" htmlFor="sim-event">
          Event
        </label>
        <select id="sim-event" value={event} onChange={(e) => setEvent(hrEventTypes.find((t) => t === e.target.value) ?? '')}>
          <option value="">(none)</option>
          {hrEventTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label className="field-label" htmlFor="sim-approval">
          Approvals
        </label>
        <select id="sim-approval" value={approval} onChange={(e) => setApproval(outcomes.find((o) => o === e.target.value) ?? 'approved')}>
          {outcomes.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <div className="button-row">
        <button type="button" className="button primary" disabled={running || problems > 0 || !sampleValid} onClick={() => void simulate()}>
          {running ? 'Simulating…' : 'Simulate'}
        </button>
        {overlayKind === 'simulation' && (
          <button type="button" className="button" onClick={clear}>
            Clear highlight
          </button>
        )}
      </div>
      {problems > 0 && <p className="small muted">Fix the {problems} problem{problems === 1 ? '' : 's'} first: only a valid definition can be simulated.</p>}
      {error !== null && <ErrorNote message={error} />}
      {stale && <p className="small warn-note">The draft changed since this simulation; simulate again to see the new path.</p>}
      {result !== null && <SimulationResult result={result.view} />}
    </div>
  );
}
