/**
 * A published revision's graph, as it was published (layout included). The API serves it with a
 * dry run of that revision (POST /api/simulate with definitionId and revision), which reports the
 * revision it ran; the run view and the history diff read it from there.
 */
import { post } from './client.ts';
import type { Draft } from './schemas.ts';

const cache = new Map<string, Promise<Draft>>();

export function loadRevision(definitionId: string, revision: number): Promise<Draft> {
  const key = `${definitionId}@${revision}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const loading = post('/api/simulate', { body: { definitionId, revision, person: { attributes: {} } } }).then((answer) => {
    if (!answer.revision) throw new Error(`the server did not say what revision ${revision} of "${definitionId}" holds`);
    return answer.revision.definition;
  });
  // Revisions never change, so a loaded one is kept; a failed load is tried again next time.
  cache.set(key, loading);
  loading.catch(() => cache.delete(key));
  return loading;
}
