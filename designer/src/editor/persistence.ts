/**
 * Saving and publishing through the public API: a new draft is created (POST), an existing one
 * saved with the version it was loaded at (PUT with If-Match, so nobody's work is silently
 * overwritten), and publishing freezes the saved draft into a numbered revision.
 */
import { ApiFailure, request } from '../api/client.ts';
import { publishAnswerSchema, storedDefinitionSchema, type RevisionView } from '../api/schemas.ts';
import { toDraft } from './graph.ts';
import { useEditor } from './store.ts';

export async function saveDraft(): Promise<void> {
  const s = useEditor.getState();
  const draft = toDraft(s.meta, s.nodes, s.edges);
  try {
    const answer = s.stored.exists
      ? await request('PUT', `/api/definitions/${encodeURIComponent(s.meta.id)}`, storedDefinitionSchema, {
          body: draft,
          headers: s.stored.version === null ? {} : { 'if-match': `"${s.stored.version}"` },
        })
      : await request('POST', '/api/definitions', storedDefinitionSchema, { body: draft });
    // Edits made while the request was on its way stay unsaved.
    const unchanged = useEditor.getState().nodes === s.nodes && useEditor.getState().edges === s.edges && useEditor.getState().meta === s.meta;
    useEditor.getState().markSaved({ exists: true, version: answer.body.version, latestRevision: answer.body.latestRevision });
    if (!unchanged) useEditor.setState({ dirty: true });
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 412) {
      throw new ApiFailure(412, error.code, 'Someone else saved this definition since you opened it. Export your version, reload, and apply your changes again.');
    }
    if (error instanceof ApiFailure && error.status === 409 && !s.stored.exists) {
      throw new ApiFailure(409, error.code, `A definition with the id "${s.meta.id}" already exists; choose another id in the definition settings.`);
    }
    throw error;
  }
}

/** Saves when needed, then publishes; answers the revision (an unchanged draft gives the existing one). */
export async function publish(): Promise<{ revision: RevisionView; created: boolean }> {
  const s = useEditor.getState();
  if (s.dirty || !s.stored.exists) await saveDraft();
  const id = useEditor.getState().meta.id;
  const answer = await request('POST', `/api/definitions/${encodeURIComponent(id)}/publish`, publishAnswerSchema);
  const stored = useEditor.getState().stored;
  useEditor.setState({ stored: { ...stored, latestRevision: answer.body.revision.number } });
  return answer.body;
}
