/**
 * The frame every node type draws: icon, kind and label, a detail line, its named outputs as
 * labelled handles, and what the editor knows about it — validation problems, and the status of a
 * simulation or a live run (with when a wait ends, whom an approval waits for, or the error).
 */
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect, useRef, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HandleSpec } from '../../../../workflows/dsl/index.ts';
import type { FlowNodeType } from '../../api/schemas.ts';
import { Icon } from '../../ui/icons.tsx';
import { useEditor } from '../store.ts';
import { nodeWidth } from './size.ts';

interface ShellProps {
  id: string;
  type: FlowNodeType;
  kind: string;
  title: string;
  selected: boolean;
  outputs: readonly HandleSpec[];
  children?: ReactNode;
}

const statusText: Record<string, string> = {
  pending: 'pending',
  running: 'running',
  waiting: 'waiting',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
  added: 'added',
  changed: 'changed',
};

/**
 * Outputs leave from the bottom edge, left to right in the order the shared table lists them, and
 * the input enters at the top: the canvas reads top to bottom, as Tidy lays it out.
 */
function Outputs({ outputs }: { outputs: readonly HandleSpec[] }) {
  const only = outputs.length === 1 ? outputs[0] : undefined;
  if (only?.id === 'next') return <Handle type="source" position={Position.Bottom} id="next" className="handle handle-next" />;
  if (outputs.length === 0) return null;
  return (
    <ul className="node-outputs" aria-label="Outputs">
      {outputs.map((h) => (
        <li key={h.id} className="node-output" data-output={h.id} data-optional={!h.required || undefined}>
          <span title={h.id}>{h.id}</span>
          <Handle type="source" position={Position.Bottom} id={h.id} className={`handle handle-${h.id === 'error' || h.id === 'rejected' ? 'bad' : h.id === 'timeout' ? 'warn' : 'named'}`} />
        </li>
      ))}
    </ul>
  );
}

export const NodeShell = memo(function NodeShell({ id, type, kind, title, selected, outputs, children }: ShellProps) {
  const problems = useEditor((s) => s.problemsByNode[id]);
  const mark = useEditor(useShallow((s) => s.overlay?.nodes[id]));
  // Outputs come and go with the data (a decision's rules): React Flow must measure them again.
  // Not on mount, where React Flow measures every node itself (300 extra updates would stall).
  const updateInternals = useUpdateNodeInternals();
  const outputKey = outputs.map((o) => o.id).join('\n');
  const measuredKey = useRef(outputKey);
  useEffect(() => {
    if (measuredKey.current === outputKey) return;
    measuredKey.current = outputKey;
    updateInternals(id);
  }, [id, outputKey, updateInternals]);
  return (
    <div
      className={`node node-${type}${selected ? ' is-selected' : ''}${problems !== undefined ? ' has-problem' : ''}`}
      data-status={mark?.status}
      data-testid={`node-${id}`}
      style={outputs.length > 3 ? { width: nodeWidth(outputs.length) } : undefined}
    >
      {type !== 'start' && <Handle type="target" position={Position.Top} className="handle handle-in" />}
      <div className="node-head">
        <span className={`node-icon icon-${type}`}>
          <Icon name={type} size={14} />
        </span>
        <span className="node-kind">{kind}</span>
        {problems !== undefined && (
          <span className="node-problem" title={problems} aria-label={`Problems: ${problems}`}>
            !
          </span>
        )}
      </div>
      <div className="node-title">{title}</div>
      {children}
      {mark && (
        <div className="node-status" data-status={mark.status}>
          <span className="status-dot" />
          {statusText[mark.status] ?? mark.status}
          {mark.note !== undefined && <span className="node-status-note" title={mark.note}> · {mark.note}</span>}
        </div>
      )}
      <Outputs outputs={outputs} />
    </div>
  );
});
