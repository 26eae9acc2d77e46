/**
 * Actions on ad connections: user accounts and group memberships in Active Directory over LDAPS
 * (or StartTLS). Every action finds the account by the connection's anchor attribute (employeeID
 * unless the connection says otherwise) before touching it, so each can run twice with the same end
 * state: a second create finds the account, a second disable finds it disabled.
 */
import { z } from 'zod';
import { declareAction, type ActionDeclaration } from './declare.ts';
import { declareFreeValues } from './uniqueness.ts';
import {
  accountOutput,
  anchor,
  attributeName,
  createField,
  distinguishedName,
  extraAttributes,
  findUserOutput,
  groupsInput,
  isValueFreeOutput,
  updateField,
} from './directory.ts';

/** Attributes with an action or field of their own, refused in `attributes`. */
export const adProtectedAttributes = [
  'objectClass',
  'objectCategory',
  'cn',
  'name',
  'distinguishedName',
  'userAccountControl',
  'unicodePwd',
  'userPassword',
  'pwdLastSet',
  'member',
  'memberOf',
  'manager',
] as const;

/** The common user attributes, each a parameter of its own in the designer. */
export function adUserFields<T>(field: (description: string) => T) {
  return {
    sAMAccountName: field('sAMAccountName: the pre-Windows 2000 logon name (at most 20 characters, unique in the domain).'),
    userPrincipalName: field('userPrincipalName: the sign-in name, e.g. ada.lovelace@example.com (unique in the forest).'),
    givenName: field('givenName: first name.'),
    sn: field('sn: last name.'),
    displayName: field('displayName: the name shown in address lists.'),
    mail: field('mail: the email address.'),
    department: field('department.'),
    title: field('title: job title.'),
    company: field('company.'),
    description: field('description.'),
    employeeNumber: field('employeeNumber (when the anchor is employeeID, this is a free field).'),
    employeeType: field('employeeType, e.g. Employee or Contractor.'),
    telephoneNumber: field('telephoneNumber.'),
    mobile: field('mobile.'),
    physicalDeliveryOfficeName: field('physicalDeliveryOfficeName: the office.'),
  };
}
export type AdUserField = keyof ReturnType<typeof adUserFields>;

const ou = distinguishedName.describe('The OU’s distinguished name, e.g. OU=Staff,DC=example,DC=com.');

export const adFindUser = declareAction({
  id: 'ad.findUser',
  label: 'Find AD user',
  description: 'Looks the account up by the anchor attribute. Finding nobody is not an error: `found` is false.',
  category: 'Accounts',
  connector: 'ad',
  input: z.strictObject({
    anchor,
    attributes: z.array(attributeName).max(100).optional().describe('Attributes to read; a common set when left out.'),
  }),
  output: findUserOutput,
  undoable: false,
  account: 'link',
});

export const adCreateUser = declareAction({
  id: 'ad.createUser',
  label: 'Create AD user',
  description:
    'Creates the account, disabled, in the OU (the connection’s users OU when left out), with the anchor and the attributes given. When an account with this anchor already exists it is left as it is and `created` is false. Empty values are left out.',
  category: 'Accounts',
  connector: 'ad',
  input: z.strictObject({
    anchor,
    name: z.string().min(1).max(64).describe('The account’s name (cn): its RDN in the OU, e.g. “Ada Lovelace”.'),
    ou: ou.optional(),
    ...adUserFields(createField),
    attributes: extraAttributes(adProtectedAttributes, false).optional(),
  }),
  output: accountOutput.extend({ created: z.boolean() }),
  undoable: true,
  account: 'create',
  createsEnabled: () => false,
});

export const adUpdateUser = declareAction({
  id: 'ad.updateUser',
  label: 'Update AD user',
  description:
    'Compares the attributes given with what the account holds and changes only what differs. A parameter left out is not touched; null or an empty value clears the attribute. A new name renames the account in its OU. Fails without retrying when no account has this anchor.',
  category: 'Accounts',
  connector: 'ad',
  input: z.strictObject({
    anchor,
    name: z.string().min(1).max(64).optional().describe('A new name (cn): renames the account in its OU.'),
    ...adUserFields(updateField),
    attributes: extraAttributes(adProtectedAttributes, true).optional(),
  }),
  output: accountOutput.extend({ changed: z.array(z.string()) }),
  undoable: false,
  account: 'link',
});

const byAnchor = z.strictObject({ anchor });
const statusOutput = accountOutput.extend({ enabled: z.boolean(), changed: z.boolean() });

export const adEnableUser = declareAction({
  id: 'ad.enableUser',
  label: 'Enable AD user',
  description: 'Clears the “account disabled” flag of userAccountControl, keeping the other flags. The account needs a password first.',
  category: 'Accounts',
  connector: 'ad',
  input: byAnchor,
  output: statusOutput,
  undoable: true,
  account: 'enable',
});

export const adDisableUser = declareAction({
  id: 'ad.disableUser',
  label: 'Disable AD user',
  description: 'Sets the “account disabled” flag of userAccountControl, keeping the other flags.',
  category: 'Accounts',
  connector: 'ad',
  input: byAnchor,
  output: statusOutput,
  undoable: true,
  account: 'disable',
});

export const adSetPassword = declareAction({
  id: 'ad.setPassword',
  label: 'Set AD password',
  description:
    'Sets the account’s password (unicodePwd). Leave the password out to have a strong random one generated inside the step: it is never returned, logged or stored, only the fact that it was set.',
  category: 'Accounts',
  connector: 'ad',
  input: z.strictObject({
    anchor,
    password: z.string().min(1).max(256).optional().describe('The password; generated when left out (preferred: it then never enters the run’s history).'),
    mustChange: z.boolean().default(true).describe('Whether the person must choose a new password at next sign-in.'),
  }),
  output: accountOutput.extend({ set: z.literal(true), generated: z.boolean() }),
  undoable: false,
  secretInputs: ['password'],
  account: 'link',
});

export const adMoveUser = declareAction({
  id: 'ad.moveUser',
  label: 'Move AD user',
  description: 'Moves the account to another OU, keeping its name. Nothing happens when it is already there.',
  category: 'Accounts',
  connector: 'ad',
  input: z.strictObject({ anchor, ou }),
  output: accountOutput.extend({ moved: z.boolean() }),
  undoable: true,
  account: 'link',
});

export const adAddToGroups = declareAction({
  id: 'ad.addToGroups',
  label: 'Add AD user to groups',
  description: 'Adds the account to each group (its member attribute). Already being a member is fine.',
  category: 'Groups',
  connector: 'ad',
  input: z.strictObject({ anchor, groups: groupsInput }),
  output: accountOutput.extend({ added: z.array(z.string()), alreadyMember: z.array(z.string()) }),
  undoable: true,
  account: 'link',
});

export const adRemoveFromGroups = declareAction({
  id: 'ad.removeFromGroups',
  label: 'Remove AD user from groups',
  description: 'Removes the account from each group. Not being a member is fine.',
  category: 'Groups',
  connector: 'ad',
  input: z.strictObject({ anchor, groups: groupsInput }),
  output: accountOutput.extend({ removed: z.array(z.string()), notMember: z.array(z.string()) }),
  undoable: true,
  account: 'link',
});

export const adSetManager = declareAction({
  id: 'ad.setManager',
  label: 'Set AD manager',
  description: 'Sets the account’s manager to the account of the person with the given anchor value; empty clears it.',
  category: 'Accounts',
  connector: 'ad',
  input: z.strictObject({
    anchor,
    managerAnchor: z.string().max(1024).nullable().describe('The manager’s anchor value (e.g. their employee id); empty or null clears the manager.'),
  }),
  output: accountOutput.extend({ managerDn: z.string().nullable(), changed: z.boolean() }),
  undoable: true,
  account: 'link',
});

export const adDeleteUser = declareAction({
  id: 'ad.deleteUser',
  label: 'Delete AD user',
  description: 'Deletes the account. An account that is already gone counts as deleted (`deleted` is false).',
  category: 'Accounts',
  connector: 'ad',
  input: byAnchor,
  output: z.strictObject({ deleted: z.boolean(), dn: z.string().nullable() }),
  undoable: false,
  account: 'delete',
});

const adUniqueAttributes = ['sAMAccountName', 'userPrincipalName', 'mail', 'cn', 'displayName'] as const;

export const adIsValueFree = declareAction({
  id: 'ad.isValueFree',
  label: 'Is AD value free',
  description:
    'Whether no object in the domain holds the value (for SelectUniqueValue): sAMAccountName, userPrincipalName, mail (also checked against proxyAddresses), cn or displayName. A value held by the account with `anchor` counts as free, so a rerun keeps its own name.',
  category: 'Accounts',
  connector: 'ad',
  input: z.strictObject({
    attribute: z.enum(adUniqueAttributes),
    value: z.string().min(1).max(1024),
    anchor: anchor.optional(),
  }),
  output: isValueFreeOutput,
  undoable: false,
});

export const adFreeValues = declareFreeValues({ connector: 'ad', target: 'AD object', attributes: adUniqueAttributes, anchored: true });

export const adActions: readonly ActionDeclaration[] = [
  adFindUser,
  adCreateUser,
  adUpdateUser,
  adEnableUser,
  adDisableUser,
  adSetPassword,
  adMoveUser,
  adAddToGroups,
  adRemoveFromGroups,
  adSetManager,
  adDeleteUser,
  adIsValueFree,
  adFreeValues,
];
