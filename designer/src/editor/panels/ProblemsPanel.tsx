/**
 * Every problem publishing would refuse — the draft's own and its steps' connections — as the
 * server's check answers them; choosing one selects and shows the step or edge it concerns.
 */
import { Empty, ErrorNote } from '../../ui/common.tsx';
import { useEditor } from '../store.ts';

function CheckAgain() {
  return (
    <button type="button" className="button small" onClick={() => useEditor.getState().requestRecheck()}>
      Check again
    </button>
  );
}

export function ProblemsPanel() {
  const problems = useEditor((s) => s.problems);
  const check = useEditor((s) => s.check);
  const failed = check.state === 'failed' ? <ErrorNote message={`Connections were not checked: ${check.message}`} onRetry={() => useEditor.getState().requestRecheck()} /> : null;
  if (problems.length === 0) {
    if (check.state === 'checking') return (
        <Empty title="Checking…">
          <p>Checking the definition and the connections its steps name.</p>
        </Empty>
      );
    return (
      failed ?? (
        <Empty title="No problems">
          <p>The definition is valid and can be published.</p>
          <CheckAgain />
        </Empty>
      )
    );
  }
  const go = (nodeId: string | undefined, edgeId: string | undefined) => {
    const s = useEditor.getState();
    const id = nodeId ?? edgeId;
    if (id === undefined) {
      s.select(null);
      return;
    }
    s.select(id);
    const target = nodeId ?? s.edges.find((e) => e.id === edgeId)?.source;
    if (target !== undefined) s.requestFocus(target);
  };
  return (
    <>
      {failed}
      <ul className="problem-list" aria-label="Problems">
        {problems.map((p, i) => (
          <li key={i}>
            <button type="button" className="problem-item" onClick={() => go(p.nodeId, p.edgeId)}>
              <span className="problem-where">{p.nodeId ?? (p.edgeId !== undefined ? `edge ${p.edgeId}` : 'definition')}</span>
              <span className="problem-message">{p.message}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="panel-body">
        <p className="small muted">A connection created or fixed elsewhere counts once checked again.</p>
        <CheckAgain />
      </div>
    </>
  );
}
