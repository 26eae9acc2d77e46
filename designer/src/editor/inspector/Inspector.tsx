/**
 * The side panel's "Step" tab: the selected step's form (actions and decisions have their own;
 * every other type is generated from its data schema), the selected edge, or — with nothing
 * selected — the definition's settings.
 */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { edgeHandle } from '../../../../workflows/dsl/index.ts';
import { Icon } from '../../ui/icons.tsx';
import { selectedNodeId, useEditor } from '../store.ts';
import type { FlowNode } from '../types.ts';
import { ActionForm } from './ActionForm.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { DefinitionForm } from './DefinitionForm.tsx';
import { patched } from '../patch.ts';
import { isRecord } from './jsonSchema.ts';
import { dataSchemaOf } from './nodeSchemas.ts';
import { problemsOfNode } from './problems.ts';
import { SchemaForm } from './SchemaForm.tsx';

const kinds: Record<FlowNode['type'], string> = {
  start: 'Start',
  action: 'Action',
  decision: 'Decision',
  wait: 'Wait',
  approval: 'Approval',
  parallel: 'Parallel',
  join: 'Join',
  end: 'End',
};

function LabelFields({ node }: { node: FlowNode }) {
  const id = useId();
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const set = (key: string, v: string) => {
    updateNodeData(node.id, patched(node.data, { [key]: v === '' ? undefined : v }));
  };
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-label`} className="field-label">
          Label
        </label>
        <input id={`${id}-label`} type="text" value={typeof node.data.label === 'string' ? node.data.label : ''} onChange={(e) => set('label', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`} className="field-label">
          Description
        </label>
        <textarea id={`${id}-description`} rows={2} value={typeof node.data.description === 'string' ? node.data.description : ''} onChange={(e) => set('description', e.target.value)} />
      </div>
    </>
  );
}

function NodeInspector({ node }: { node: FlowNode }) {
  const all = useEditor((s) => s.problems);
  const readOnly = useEditor((s) => s.readOnly);
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const { byPath, all: mine } = problemsOfNode(all, node.id);
  return (
    <fieldset className="inspector-body" disabled={readOnly} aria-label={`Step ${node.id}`}>
      <div className="inspector-head">
        <span className={`node-icon icon-${node.type}`}>
          <Icon name={node.type} size={14} />
        </span>
        <h3 className="inspector-title">{kinds[node.type]}</h3>
        <code className="muted small">{node.id}</code>
        {!readOnly && (
          <button type="button" className="button danger small" onClick={() => useEditor.getState().deleteSelection()}>
            Delete step
          </button>
        )}
      </div>
      {mine.length > 0 && (
        <ul className="problem-summary" aria-label="Problems of this step">
          {mine.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      {node.type === 'action' || node.type === 'decision' ? <LabelFields node={node} /> : null}
      {node.type === 'action' && <ActionForm node={node} problems={byPath} />}
      {node.type === 'decision' && <DecisionForm node={node} problems={byPath} />}
      {node.type !== 'action' && node.type !== 'decision' && (
        <SchemaForm schema={dataSchemaOf(node.type)} value={node.data} onChange={(v) => updateNodeData(node.id, isRecord(v) ? v : {})} problems={byPath} />
      )}
    </fieldset>
  );
}

function EdgeInspector({ edgeId }: { edgeId: string }) {
  const edge = useEditor((s) => s.edges.find((e) => e.id === edgeId));
  const problem = useEditor((s) => s.problemsByEdge[edgeId]);
  const readOnly = useEditor((s) => s.readOnly);
  if (!edge) return null;
  return (
    <div className="inspector-body">
      <h3 className="inspector-title">Connection</h3>
      <p>
        <code>{edge.source}</code> → <span className="chip">{edgeHandle(edge)}</span> → <code>{edge.target}</code>
      </p>
      {problem !== undefined && <p className="field-problem">{problem}</p>}
      {!readOnly && (
        <button type="button" className="button danger small" onClick={() => useEditor.getState().deleteSelection()}>
          Delete connection
        </button>
      )}
    </div>
  );
}

export function Inspector() {
  const nodeId = useEditor(selectedNodeId);
  const node = useEditor((s) => (nodeId === null ? undefined : s.nodes.find((n) => n.id === nodeId)));
  const edgeIds = useEditor(useShallow((s) => s.edges.filter((e) => e.selected === true).map((e) => e.id)));
  if (node) return <NodeInspector node={node} />;
  const [edgeId] = edgeIds;
  if (edgeId !== undefined && edgeIds.length === 1) return <EdgeInspector edgeId={edgeId} />;
  return <DefinitionForm />;
}
