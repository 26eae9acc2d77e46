/** What the worker hands to the activity factories: the resources it owns. */
import type { RevisionSource } from './store/revisions.ts';
import type { ConnectionSource } from './connections.ts';
import type { PeopleStore } from './store/people.ts';
import type { ApprovalBackend } from './approvals/backend.ts';
import type { ProvisioningAuditSink } from './audit.ts';

export interface ActivityDeps {
  revisions: RevisionSource;
  connections: ConnectionSource;
  people: PeopleStore;
  /** Key for signing single-use callback tokens (HTTP callouts); derived from the server's secret key. */
  callbackKey: Uint8Array;
  /** Key for signing approval email links; derived from the server's secret key. */
  approvalLinkKey: Uint8Array;
  /** The app database side of approvals: directory lookups, the inbox projection, sent notices. */
  approvals: ApprovalBackend;
  /** Base URL outside systems use to reach this Tenure (callbacks, approval links). */
  publicUrl: string;
  /** Receives one audit entry per provisioning operation (activities/audit.ts); none are written when absent. */
  audit?: ProvisioningAuditSink;
}
