/**
 * The editor's toolbar: where the draft stands (new, unsaved, saved, published), history and layout
 * tools, import/export of the definition JSON, and save and publish. Publish is offered only once
 * the server's check (the one publishing runs, connections included) found no problem.
 */
import { useRef, type ChangeEvent } from 'react';
import { draftSchema } from '../api/schemas.ts';
import { Icon, type IconName } from '../ui/icons.tsx';
import { toast } from '../ui/toast.ts';
import { fromDraft, toDraft } from './graph.ts';
import { publishBlocker, useEditor } from './store.ts';
import { useFitReadable } from './viewport.ts';

function ToolButton({ icon, label, onClick, disabled }: { icon: IconName; label: string; onClick: () => void; disabled?: boolean }) {
  return (
    <button type="button" className="tool-button" onClick={onClick} disabled={disabled} aria-label={label} title={label}>
      <Icon name={icon} />
    </button>
  );
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function Toolbar({ onSave, onPublish, onLayout, busy }: { onSave: () => void; onPublish: () => void; onLayout: () => void; busy: 'saving' | 'publishing' | null }) {
  const name = useEditor((s) => s.meta.name);
  const stored = useEditor((s) => s.stored);
  const dirty = useEditor((s) => s.dirty);
  const blocker = useEditor(publishBlocker);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const fitReadable = useFitReadable();
  const file = useRef<HTMLInputElement>(null);

  const state = !stored.exists ? 'New draft, not saved' : dirty ? 'Unsaved changes' : `Saved (version ${stored.version ?? '?'})`;

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    e.target.value = '';
    if (!chosen) return;
    try {
      const parsed = draftSchema.safeParse(JSON.parse(await chosen.text()));
      if (!parsed.success) {
        toast('error', `${chosen.name} is not a definition: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
        return;
      }
      const s = useEditor.getState();
      s.checkpoint();
      const loaded = fromDraft(parsed.data);
      // The imported graph replaces this draft's content; the draft keeps its own id once saved.
      useEditor.setState({ nodes: loaded.nodes, edges: loaded.edges, meta: { ...loaded.meta, id: s.stored.exists ? s.meta.id : loaded.meta.id }, dirty: true });
      s.requestFit();
      toast('info', `Imported ${chosen.name}; save to keep it.`);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      toast('error', `${chosen.name} is not JSON: ${error.message}`);
    }
  };

  const onExport = () => {
    const s = useEditor.getState();
    download(`${s.meta.id || 'definition'}.json`, `${JSON.stringify(toDraft(s.meta, s.nodes, s.edges), null, 2)}\n`);
  };

  return (
    <header className="toolbar" aria-label="Editor toolbar">
      <div className="toolbar-title">
        <h2>{name || 'Untitled definition'}</h2>
        <span className="toolbar-state" data-dirty={dirty || !stored.exists}>
          {state}
        </span>
        {stored.latestRevision !== null && <span className="chip">published r{stored.latestRevision}</span>}
      </div>
      <div className="toolbar-tools" role="toolbar" aria-label="Canvas tools">
        <ToolButton icon="undo" label="Undo (Ctrl Z)" onClick={() => useEditor.getState().undo()} disabled={!canUndo} />
        <ToolButton icon="redo" label="Redo (Ctrl Shift Z)" onClick={() => useEditor.getState().redo()} disabled={!canRedo} />
        <ToolButton icon="layout" label="Tidy layout (Shift L)" onClick={onLayout} />
        <ToolButton icon="fit" label="Zoom to fit (Shift 1)" onClick={() => fitReadable({ duration: 300 })} />
        <ToolButton icon="import" label="Import definition JSON" onClick={() => file.current?.click()} />
        <ToolButton icon="export" label="Export definition JSON" onClick={onExport} />
        <input ref={file} type="file" accept="application/json,.json" hidden onChange={(e) => void onImport(e)} />
      </div>
      <div className="toolbar-actions">
        <button type="button" className="button" onClick={onSave} disabled={busy !== null}>
          {busy === 'saving' ? 'Saving…' : 'Save draft'}
        </button>
        <button
          type="button"
          className="button primary"
          onClick={onPublish}
          disabled={busy !== null || blocker !== null}
          title={blocker ?? 'Save and publish a new revision'}
        >
          {busy === 'publishing' ? 'Publishing…' : 'Publish'}
        </button>
      </div>
    </header>
  );
}
