/**
 * The peer's in-memory tenant: users (active and soft-deleted), groups and their members, managers,
 * subscribed SKUs, Temporary Access Passes and mail sent through the Graph. Route handlers change it;
 * tests read it through the peer's inspection helpers.
 */
import { randomUUID } from 'node:crypto';

export type UserProps = Record<string, unknown>;

export interface UserRecord {
  id: string;
  props: UserProps;
  /** Kept to check complexity rules; never returned, as on Graph. */
  password: string;
  forceChangePasswordNextSignIn: boolean;
  createdDateTime: string;
  deletedDateTime: string | null;
  signInSessionsValidFromDateTime: string;
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  managerId: string | null;
  /** When `$filter` queries start to see this user's latest write (Graph's indexes are eventually consistent). */
  indexedAt: number;
}

export interface GroupRecord {
  id: string;
  displayName: string;
  members: Set<string>;
}

export interface SkuRecord {
  skuId: string;
  skuPartNumber: string;
  enabled: number;
}

export interface TemporaryAccessPass {
  id: string;
  userId: string;
  temporaryAccessPass: string;
  createdDateTime: string;
  startDateTime: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
}

export interface SentMail {
  from: string;
  to: string[];
  subject: string;
  contentType: string;
  content: string;
  saveToSentItems: boolean;
}

/** Properties a user holds; `$select` picks among them, the default set is returned otherwise. */
export const userProperties = [
  'id', 'accountEnabled', 'displayName', 'givenName', 'surname', 'jobTitle', 'department', 'companyName', 'officeLocation',
  'employeeId', 'employeeType', 'employeeHireDate', 'mail', 'mailNickname', 'userPrincipalName', 'usageLocation', 'city',
  'country', 'state', 'streetAddress', 'postalCode', 'mobilePhone', 'businessPhones', 'preferredLanguage', 'passwordPolicies',
  'createdDateTime', 'deletedDateTime', 'signInSessionsValidFromDateTime', 'assignedLicenses', 'proxyAddresses', 'otherMails',
] as const;

/** What GET returns without `$select` (https://learn.microsoft.com/graph/api/resources/user). */
export const defaultUserProperties = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

export class Tenant {
  readonly users = new Map<string, UserRecord>();
  readonly groups = new Map<string, GroupRecord>();
  readonly skus = new Map<string, SkuRecord>();
  readonly passes = new Map<string, TemporaryAccessPass>();
  readonly mail: SentMail[] = [];
  readonly verifiedDomains: string[];
  /** How long a write stays invisible to `$filter` queries; reads by key see it at once. */
  indexLagMs = 0;

  constructor(verifiedDomains: string[]) {
    this.verifiedDomains = verifiedDomains;
  }

  activeUsers(): UserRecord[] {
    return [...this.users.values()].filter((u) => u.deletedDateTime === null);
  }

  deletedUsers(): UserRecord[] {
    return [...this.users.values()].filter((u) => u.deletedDateTime !== null);
  }

  /** An active user by object id or userPrincipalName, as `/users/{id | userPrincipalName}` resolves. */
  activeUser(key: string): UserRecord | undefined {
    const byId = this.users.get(key);
    if (byId) return byId.deletedDateTime === null ? byId : undefined;
    const lower = key.toLowerCase();
    return this.activeUsers().find((u) => String(u.props.userPrincipalName).toLowerCase() === lower);
  }

  /** Every user's value of a property, read the way `$select` and `$filter` see it. */
  read(user: UserRecord, property: string): unknown {
    switch (property) {
      case 'id':
        return user.id;
      case 'createdDateTime':
        return user.createdDateTime;
      case 'deletedDateTime':
        return user.deletedDateTime;
      case 'signInSessionsValidFromDateTime':
        return user.signInSessionsValidFromDateTime;
      case 'assignedLicenses':
        return user.assignedLicenses;
      case 'businessPhones':
      case 'proxyAddresses':
      case 'otherMails':
        return user.props[property] ?? [];
      default:
        return user.props[property] ?? null;
    }
  }

  addUser(props: UserProps): UserRecord {
    const now = new Date().toISOString();
    const user: UserRecord = {
      id: randomUUID(),
      props: { accountEnabled: true, ...props },
      password: '',
      forceChangePasswordNextSignIn: false,
      createdDateTime: now,
      deletedDateTime: null,
      signInSessionsValidFromDateTime: now,
      assignedLicenses: [],
      managerId: null,
      indexedAt: 0,
    };
    this.users.set(user.id, user);
    return user;
  }

  addGroup(displayName: string): GroupRecord {
    const group = { id: randomUUID(), displayName, members: new Set<string>() };
    this.groups.set(group.id, group);
    return group;
  }

  addSku(skuPartNumber: string, enabled: number): SkuRecord {
    const sku = { skuId: randomUUID(), skuPartNumber, enabled };
    this.skus.set(sku.skuId, sku);
    return sku;
  }

  consumed(skuId: string): number {
    return [...this.users.values()].filter((u) => u.assignedLicenses.some((l) => l.skuId === skuId)).length;
  }
}
