/**
 * Saving and publishing through the public API: a new draft is created (POST), an existing one
 * saved with the version it was loaded at (PUT with If-Match, so nobody's work is silently
 * overwritten), and publishing freezes the saved draft into a numbered revision.
 *
 * The canvas holds its draft as free JSON (a node's data is whatever its form wrote); the API takes
 * a definition. The draft is read with the definition schema the route checks its body with (one
 * schema, from workflows/dsl), which gives the definition the API's types ask for, and refuses
 * here, in the route's own terms, what the server would refuse.
 */
import { definitionSchema, formatPath } from '../../../workflows/dsl/index.ts';
import { ApiFailure, request } from '../api/client.ts';
import type { Body } from '../api/operations.ts';
import type { RevisionView } from '../api/schemas.ts';
import { toDraft } from './graph.ts';
import { useEditor } from './store.ts';

function definitionOf(draft: unknown): Body<'post', '/api/definitions'> {
  // Read as the server reads it, from JSON: a field a form left undefined is not there at all.
  const parsed = definitionSchema.safeParse(JSON.parse(JSON.stringify(draft)));
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: formatPath(['body', ...i.path]), message: i.message }));
  const summary = details
    .slice(0, 3)
    .map((d) => `${d.path}: ${d.message}`)
    .join('; ');
  throw new ApiFailure(400, 'invalid_request', `the request body is invalid: ${summary}`, details);
}

export async function saveDraft(): Promise<void> {
  const s = useEditor.getState();
  const definition = definitionOf(toDraft(s.meta, s.nodes, s.edges));
  try {
    const answer = s.stored.exists
      ? await request('put', '/api/definitions/{id}', {
          params: { path: { id: s.meta.id }, ...(s.stored.version === null ? {} : { header: { 'if-match': `"${s.stored.version}"` } }) },
          body: definition,
        })
      : await request('post', '/api/definitions', { body: definition });
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
  const answer = await request('post', '/api/definitions/{id}/publish', { params: { path: { id } } });
  const stored = useEditor.getState().stored;
  useEditor.setState({ stored: { ...stored, latestRevision: answer.body.revision.number } });
  return answer.body;
}
