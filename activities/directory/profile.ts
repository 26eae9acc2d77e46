/**
 * What differs between directories for the shared account operations: which object classes make a
 * user or a group, which attribute names an entry and anchors a person, where users go, and how
 * "enabled" reads. The ad and ldap connectors each build one from their connection's config.
 */
import type { Entry, Filter } from 'ldapts';
import type { DirectorySession } from './session.ts';

export interface DirectoryProfile {
  /** How messages name an account: "AD account", "LDAP entry". */
  noun: string;
  baseDn: string;
  /** Where new accounts go unless a step names an OU. */
  usersOu: string;
  anchorAttribute: string;
  /** The attribute that names an account in its container (cn in AD). */
  rdnAttribute: string;
  userObjectClasses: readonly string[];
  userFilter: Filter;
  groupFilter: Filter;
  /** Attributes a group's plain name is matched against. */
  groupNameAttributes: readonly string[];
  /** What “Find user” returns when the step names no attributes. */
  defaultReadAttributes: readonly string[];
  /** Attributes every new account gets besides those given (e.g. the disabled flag). */
  createDefaults: Readonly<Record<string, readonly string[]>>;
  /** Attributes `isEnabled` reads. */
  statusAttributes: readonly string[];
  isEnabled(entry: Entry): boolean | null;
  /**
   * Values of an attribute that carry the account's status (LDAP's "disabled" marker): an update
   * of that attribute keeps them, so changing employeeType never re-enables an account.
   */
  statusValues(attribute: string): readonly string[];
  /** The filter for "someone holds this value" (AD also checks proxyAddresses for mail). */
  valueTakenFilter(attribute: string, value: string): Filter;
}

/** What the shared operations work with: the pooled session and the connection's profile. */
export interface DirectoryContext {
  session: DirectorySession;
  profile: DirectoryProfile;
}
