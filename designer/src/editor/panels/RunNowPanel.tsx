/** Run now: starts the latest published revision for the sample person (POST /api/runs) and opens the run. */
import { useState } from 'react';
import { describeError, post } from '../../api/client.ts';
import { navigate } from '../../router.ts';
import { useSample } from '../../sample.ts';
import { Empty, ErrorNote } from '../../ui/common.tsx';
import { useEditor } from '../store.ts';
import { SampleEditor } from './SampleEditor.tsx';

export function RunNowPanel() {
  const definitionId = useEditor((s) => s.meta.id);
  const latest = useEditor((s) => s.stored.latestRevision);
  const dirty = useEditor((s) => s.dirty);
  const [valid, setValid] = useState(true);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (latest === null) return <Empty title="Nothing to run yet">Publish the draft first: runs always use a published revision.</Empty>;

  const start = async () => {
    setStarting(true);
    setError(null);
    const sample = useSample.getState();
    try {
      const { runs } = await post('/api/runs', { body: { definitionId, people: [{ employeeId: sample.employeeId, attributes: sample.attributes }] } });
      const run = runs[0];
      if (run) navigate(`/runs/${encodeURIComponent(run.id)}`);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setStarting(false);
    }
  };

  return (
    <div className="panel-body">
      <p className="small muted">
        Starts revision {latest} for this person now, for real: its actions reach their targets.{dirty ? ' Unpublished changes are not included.' : ''}
      </p>
      <SampleEditor onValidity={setValid} />
      <button type="button" className="button primary" disabled={starting || !valid} onClick={() => void start()}>
        {starting ? 'Starting…' : `Run revision ${latest} now`}
      </button>
      {error !== null && <ErrorNote message={error} />}
    </div>
  );
}
