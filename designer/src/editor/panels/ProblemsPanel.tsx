/** Every validation problem of the draft; choosing one selects and shows the step or edge it concerns. */
import { Empty } from '../../ui/common.tsx';
import { useEditor } from '../store.ts';

export function ProblemsPanel() {
  const problems = useEditor((s) => s.problems);
  if (problems.length === 0) {
    return (
      <Empty title="No problems">
        <p>The definition is valid and can be published.</p>
      </Empty>
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
  );
}
