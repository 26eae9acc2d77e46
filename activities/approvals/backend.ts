/**
 * What the approval activities need from the app database. The server implements it
 * (server/db/approvals.ts); activities never import the server.
 */
import type { InboxItem } from './types.ts';

export interface ApproverContact {
  displayName: string;
  email: string | null;
}

export interface ApprovalBackend {
  /** Enabled users linked to these people, by employee id. */
  usersForEmployees(employeeIds: readonly string[]): Promise<Record<string, string>>;
  /** The people these users are linked to, by user id. */
  employeesForUsers(userIds: readonly string[]): Promise<Record<string, string>>;
  /** Each person's manager (the employee id in `attribute` of what HR last sent), by employee id. */
  managersOf(employeeIds: readonly string[], attribute: string): Promise<Record<string, string>>;
  /** An approver group's members; undefined when there is no such group. */
  groupMembers(groupId: string): Promise<string[] | undefined>;
  /** Delegations in force at `at` for these users: who finally decides for each (chains followed, loops cut). */
  delegations(userIds: readonly string[], at: Date): Promise<Record<string, string>>;
  /** Writes the inbox row, unless a newer projection (higher seq) is already there. */
  project(item: InboxItem): Promise<void>;
  contacts(userIds: readonly string[]): Promise<Record<string, ApproverContact>>;
  /** Whether a notice (by key) has been sent. */
  notified(key: string): Promise<boolean>;
  recordNotified(key: string, messageId: string): Promise<void>;
}
