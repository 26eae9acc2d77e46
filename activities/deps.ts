/** What the worker hands to the activity factories: the resources it owns. */
import type { RevisionSource } from './store/revisions.ts';
import type { ConnectionSource } from './connections.ts';

export interface ActivityDeps {
  revisions: RevisionSource;
  connections: ConnectionSource;
  /** Key for signing single-use callback tokens (HTTP callouts); derived from the server's secret key. */
  callbackKey: Uint8Array;
  /** Base URL outside systems use to reach this Tenure (callbacks, approval links). */
  publicUrl: string;
}
