/**
 * The action step's form: which catalog action, on which connection, its parameters (each a
 * constant or an expression, fields generated from the action's input JSON Schema), and the
 * step's retry, timeout and error settings.
 */
import { useEffect, useId, useMemo } from 'react';
import type { CatalogAction } from '../../api/schemas.ts';
import { useCatalog } from '../../catalog.ts';
import { patched } from '../patch.ts';
import { useEditor } from '../store.ts';
import type { FlowNode } from '../types.ts';
import { useConnections } from '../../connections.ts';
import { isRecord, properties, requiredOf } from './jsonSchema.ts';
import { dataSchemaOf } from './nodeSchemas.ts';
import { ParamField } from './ParamField.tsx';
import { SchemaForm } from './SchemaForm.tsx';

interface Props {
  node: FlowNode;
  problems: Readonly<Record<string, string>>;
}

/** What expressions in this step can read besides the person: variables and earlier steps' outputs. */
function useStepAttributes(selfId: string): string[] {
  const nodes = useEditor((s) => s.nodes);
  const byId = useCatalog((s) => s.byId);
  return useMemo(() => {
    const names: string[] = [];
    for (const n of nodes) {
      if (n.type !== 'action' || n.id === selfId || typeof n.data.action !== 'string') continue;
      const output = byId[n.data.action]?.output;
      if (output) for (const [k] of properties(output)) names.push(`steps.${n.id}.${k}`);
      const params = isRecord(n.data.params) ? n.data.params : {};
      if (n.data.action === 'core.setVariable' && typeof params.name === 'string') names.push(`vars.${params.name}`);
    }
    return names;
  }, [nodes, byId, selfId]);
}

function ActionPicker({ value, onChange, actions }: { value: string; onChange: (a: CatalogAction) => void; actions: readonly CatalogAction[] }) {
  const id = useId();
  const categories = [...new Set(actions.map((a) => a.category))].sort();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        Action
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const chosen = actions.find((a) => a.id === e.target.value);
          if (chosen) onChange(chosen);
        }}
      >
        {!actions.some((a) => a.id === value) && <option value={value}>{value === '' ? 'Choose an action…' : `${value} (unknown)`}</option>}
        {categories.map((c) => (
          <optgroup key={c} label={c}>
            {actions
              .filter((a) => a.category === c)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label} ({a.id})
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function ConnectionPicker({ connector, value, onChange, problem }: { connector: string; value: string; onChange: (v: string | undefined) => void; problem: string | undefined }) {
  const id = useId();
  const list = useConnections((s) => s.list);
  const status = useConnections((s) => s.status);
  useEffect(() => {
    void useConnections.getState().load();
  }, []);
  // Connections are created on their own page, maybe in another tab: ask again whenever the picker is used.
  const refresh = () => void useConnections.getState().refresh();
  const matching = list.filter((c) => c.kind === connector);
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        Connection ({connector})<span className="required" aria-hidden="true"> *</span>
      </label>
      <input id={id} type="text" list={`${id}-list`} value={value} onFocus={refresh} placeholder={status === 'ready' && matching.length === 0 ? `no ${connector} connection yet` : 'connection id'} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
      <datalist id={`${id}-list`}>
        {matching.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </datalist>
      {problem !== undefined && <p className="field-problem">{problem}</p>}
    </div>
  );
}

export function ActionForm({ node, problems }: Props) {
  const actions = useCatalog((s) => s.actions);
  const byId = useCatalog((s) => s.byId);
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const stepAttributes = useStepAttributes(node.id);
  const data = node.data;
  const actionId = typeof data.action === 'string' ? data.action : '';
  const action = byId[actionId];
  const params = isRecord(data.params) ? data.params : {};
  const set = (patch: Record<string, unknown>) => {
    updateNodeData(node.id, patched(data, patch));
  };
  const chooseAction = (a: CatalogAction) => {
    const keep = new Set(properties(a.input).map(([k]) => k));
    const label = typeof data.label === 'string' && data.label !== action?.label ? data.label : a.label;
    set({ action: a.id, label, params: Object.fromEntries(Object.entries(params).filter(([k]) => keep.has(k))), ...(a.connector === 'core' ? { connectionId: undefined } : {}) });
  };
  const required = action ? requiredOf(action.input) : new Set<string>();

  return (
    <>
      <ActionPicker value={actionId} onChange={chooseAction} actions={actions} />
      {action && <p className="field-help">{action.description}</p>}
      {action && action.connector !== 'core' && (
        <ConnectionPicker connector={action.connector} value={typeof data.connectionId === 'string' ? data.connectionId : ''} onChange={(v) => set({ connectionId: v })} problem={problems.connectionId} />
      )}
      {action && (
        <section className="form-section" aria-label="Parameters">
          <h4>Parameters</h4>
          {properties(action.input).length === 0 && <p className="muted small">This action takes no parameters.</p>}
          {properties(action.input).map(([name, schema]) => (
            <ParamField
              key={name}
              name={name}
              schema={schema}
              value={params[name]}
              required={required.has(name)}
              secret={action.secretInputs.includes(name)}
              problems={problems}
              attributes={stepAttributes}
              onChange={(v) => set({ params: patched(params, { [name]: v }) })}
            />
          ))}
        </section>
      )}
      <details className="form-section">
        <summary>Retries, timeout and errors</summary>
        <SchemaForm schema={dataSchemaOf('action')} value={data} onChange={(v) => updateNodeData(node.id, isRecord(v) ? v : data)} problems={problems} omit={['label', 'description', 'action', 'connectionId', 'params']} />
      </details>
    </>
  );
}
