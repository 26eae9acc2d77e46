/**
 * The palette: the flow steps, then every action of the catalog (GET /api/actions) grouped by
 * category and connector. Drag an item onto the canvas, or press Enter on it to add it in the
 * middle of the view.
 */
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type DragEvent } from 'react';
import type { CatalogAction, FlowNodeType } from '../api/schemas.ts';
import { useCatalog } from '../catalog.ts';
import { Icon } from '../ui/icons.tsx';
import { useEditor } from './store.ts';
import type { FlowNode } from './types.ts';

export const paletteMime = 'application/x-tenure-node';

const flowItems: { type: FlowNodeType; label: string; hint: string }[] = [
  { type: 'start', label: 'Start', hint: 'Where the workflow begins' },
  { type: 'decision', label: 'Decision', hint: 'Rules choose the way on' },
  { type: 'wait', label: 'Wait', hint: 'A duration, or until a date' },
  { type: 'approval', label: 'Approval', hint: 'Someone approves or rejects' },
  { type: 'parallel', label: 'Parallel', hint: 'Branches that run together' },
  { type: 'join', label: 'Join', hint: 'Where branches meet again' },
  { type: 'end', label: 'End', hint: 'Where a path finishes' },
];

function PaletteItem({ type, label, hint, action }: { type: FlowNodeType; label: string; hint: string; action?: CatalogAction }) {
  const flow = useReactFlow<FlowNode>();
  const readOnly = useEditor((s) => s.readOnly);
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(paletteMime, action ? `${type}|${action.id}` : type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const addInView = () => {
    const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
    const center = canvas ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 } : { x: 400, y: 300 };
    const at = flow.screenToFlowPosition(center);
    const offset = (useEditor.getState().nodes.length % 6) * 24;
    useEditor.getState().addNode(type, { x: at.x - 90 + offset, y: at.y - 30 + offset }, action);
  };
  return (
    <li>
      <button
        type="button"
        className="palette-item"
        draggable={!readOnly}
        disabled={readOnly}
        onDragStart={onDragStart}
        onClick={addInView}
        title={`${hint}. Drag onto the canvas, or press Enter to add.`}
        data-palette={action ? action.id : type}
      >
        <span className={`node-icon icon-${type}`}>
          <Icon name={type} size={13} />
        </span>
        <span className="palette-text">
          <span className="palette-label">{label}</span>
          <span className="palette-hint">{hint}</span>
        </span>
      </button>
    </li>
  );
}

export function Palette() {
  const actions = useCatalog((s) => s.actions);
  const status = useCatalog((s) => s.status);
  const error = useCatalog((s) => s.error);
  const [filter, setFilter] = useState('');

  const groups = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const match = (a: CatalogAction) => f === '' || `${a.label} ${a.id} ${a.category} ${a.connector} ${a.description}`.toLowerCase().includes(f);
    const byCategory = new Map<string, Map<string, CatalogAction[]>>();
    for (const a of actions.filter(match)) {
      const connectors = byCategory.get(a.category) ?? new Map<string, CatalogAction[]>();
      connectors.set(a.connector, [...(connectors.get(a.connector) ?? []), a]);
      byCategory.set(a.category, connectors);
    }
    return [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [actions, filter]);
  const flowShown = flowItems.filter((i) => filter.trim() === '' || i.label.toLowerCase().includes(filter.trim().toLowerCase()));

  return (
    <aside className="palette" aria-label="Palette">
      <input className="palette-search" type="search" placeholder="Search steps and actions" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Search the palette" />
      <div className="palette-scroll">
        {flowShown.length > 0 && (
          <section>
            <h3 className="palette-group">Flow</h3>
            <ul className="palette-list">
              {flowShown.map((i) => (
                <PaletteItem key={i.type} type={i.type} label={i.label} hint={i.hint} />
              ))}
            </ul>
          </section>
        )}
        {status === 'loading' && <p className="muted small">Loading actions…</p>}
        {status === 'failed' && <p className="error-note small">Actions could not be loaded: {error}</p>}
        {groups.map(([category, connectors]) => (
          <section key={category}>
            <h3 className="palette-group">{category}</h3>
            {[...connectors.entries()].map(([connector, list]) => (
              <div key={connector}>
                {connectors.size > 1 || connector !== 'core' ? <h4 className="palette-connector">{connector}</h4> : null}
                <ul className="palette-list">
                  {list.map((a) => (
                    <PaletteItem key={a.id} type="action" label={a.label} hint={a.description} action={a} />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
        {status === 'ready' && groups.length === 0 && flowShown.length === 0 && <p className="muted small">Nothing matches “{filter}”.</p>}
      </div>
    </aside>
  );
}
