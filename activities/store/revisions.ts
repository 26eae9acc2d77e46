/**
 * Loads the compiled revision a run pinned. Through an activity, so the revision a run executes is
 * recorded in its history and replay never depends on the database.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { CompiledRevision } from '../../workflows/dsl/index.ts';

export interface RevisionSource {
  compiledRevision(definitionId: string, revision: number): Promise<CompiledRevision | undefined>;
}

export function createStoreActivities(source: RevisionSource) {
  return {
    async 'store.loadRevision'(args: { definitionId: string; revision: number }): Promise<CompiledRevision> {
      const compiled = await source.compiledRevision(args.definitionId, args.revision);
      if (!compiled) {
        throw ApplicationFailure.nonRetryable(`definition ${args.definitionId} has no published revision ${args.revision}`, 'RevisionNotFound');
      }
      return compiled;
    },
  };
}

export type StoreActivities = ReturnType<typeof createStoreActivities>;
