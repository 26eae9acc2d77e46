/**
 * Actions on ldap connections: inetOrgPerson accounts and groupOfNames memberships in a standard
 * LDAP directory (OpenLDAP and alike). The same operations as on Active Directory where they
 * apply; "disabled" has no standard form in LDAP, so the connection says how it is represented
 * (an attribute value, or an OU the account is moved to). Every action finds the account by the
 * anchor attribute (employeeNumber unless the connection says otherwise) first.
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

export const ldapProtectedAttributes = ['objectClass', 'cn', 'userPassword', 'member', 'memberOf', 'manager'] as const;

export function ldapUserFields<T>(field: (description: string) => T) {
  return {
    uid: field('uid: the login name.'),
    givenName: field('givenName: first name.'),
    sn: field('sn: last name (inetOrgPerson requires it).'),
    displayName: field('displayName: the name shown to people.'),
    mail: field('mail: the email address.'),
    title: field('title: job title.'),
    departmentNumber: field('departmentNumber: the department.'),
    employeeType: field('employeeType, e.g. Employee or Contractor.'),
    telephoneNumber: field('telephoneNumber.'),
    mobile: field('mobile.'),
    description: field('description.'),
    o: field('o: the organization.'),
    l: field('l: the locality (city).'),
  };
}
export type LdapUserField = keyof ReturnType<typeof ldapUserFields>;

const ou = distinguishedName.describe('The container’s distinguished name, e.g. ou=People,dc=example,dc=com.');

export const ldapFindUser = declareAction({
  id: 'ldap.findUser',
  label: 'Find LDAP user',
  description: 'Looks the entry up by the anchor attribute. Finding nobody is not an error: `found` is false.',
  category: 'Accounts',
  connector: 'ldap',
  input: z.strictObject({
    anchor,
    attributes: z.array(attributeName).max(100).optional().describe('Attributes to read; a common set when left out.'),
  }),
  output: findUserOutput,
  undoable: false,
  account: 'link',
});

export const ldapCreateUser = declareAction({
  id: 'ldap.createUser',
  label: 'Create LDAP user',
  description:
    'Creates an inetOrgPerson entry, disabled (as the connection represents it), under the container (the connection’s users container when left out). When an entry with this anchor exists it is left as it is and `created` is false. Empty values are left out.',
  category: 'Accounts',
  connector: 'ldap',
  input: z.strictObject({
    anchor,
    name: z.string().min(1).max(1024).describe('The common name (cn), e.g. “Ada Lovelace”; also the RDN unless the connection names entries by uid.'),
    ou: ou.optional(),
    ...ldapUserFields(createField),
    attributes: extraAttributes(ldapProtectedAttributes, false).optional(),
  }),
  output: accountOutput.extend({ created: z.boolean() }),
  undoable: true,
  account: 'create',
  createsEnabled: () => false,
});

export const ldapUpdateUser = declareAction({
  id: 'ldap.updateUser',
  label: 'Update LDAP user',
  description:
    'Compares the attributes given with what the entry holds and changes only what differs. A parameter left out is not touched; null or an empty value clears the attribute. Fails without retrying when no entry has this anchor.',
  category: 'Accounts',
  connector: 'ldap',
  input: z.strictObject({
    anchor,
    name: z.string().min(1).max(1024).optional().describe('A new common name (cn); renames the entry when it is named by cn.'),
    ...ldapUserFields(updateField),
    attributes: extraAttributes(ldapProtectedAttributes, true).optional(),
  }),
  output: accountOutput.extend({ changed: z.array(z.string()) }),
  undoable: false,
  account: 'link',
});

const byAnchor = z.strictObject({ anchor });
const statusOutput = accountOutput.extend({ enabled: z.boolean(), changed: z.boolean() });

export const ldapEnableUser = declareAction({
  id: 'ldap.enableUser',
  label: 'Enable LDAP user',
  description: 'Marks the entry enabled the way the connection represents it: the enabled value of its status attribute, or a move back to the users container (or `ou`).',
  category: 'Accounts',
  connector: 'ldap',
  input: z.strictObject({ anchor, ou: ou.optional().describe('Where to move the entry back to when the connection disables by moving; its users container when left out.') }),
  output: statusOutput,
  undoable: true,
  account: 'enable',
});

export const ldapDisableUser = declareAction({
  id: 'ldap.disableUser',
  label: 'Disable LDAP user',
  description: 'Marks the entry disabled the way the connection represents it: the disabled value of its status attribute, or a move to its disabled container.',
  category: 'Accounts',
  connector: 'ldap',
  input: byAnchor,
  output: statusOutput,
  undoable: true,
  account: 'disable',
});

export const ldapSetPassword = declareAction({
  id: 'ldap.setPassword',
  label: 'Set LDAP password',
  description:
    'Sets the entry’s userPassword through the Password Modify operation, so the server hashes it. Leave the password out to have a strong random one generated inside the step: it is never returned, logged or stored.',
  category: 'Accounts',
  connector: 'ldap',
  input: z.strictObject({
    anchor,
    password: z.string().min(1).max(256).optional().describe('The password; generated when left out (preferred: it then never enters the run’s history).'),
  }),
  output: accountOutput.extend({ set: z.literal(true), generated: z.boolean() }),
  undoable: false,
  secretInputs: ['password'],
  account: 'link',
});

export const ldapMoveUser = declareAction({
  id: 'ldap.moveUser',
  label: 'Move LDAP user',
  description: 'Moves the entry under another container, keeping its RDN. Nothing happens when it is already there.',
  category: 'Accounts',
  connector: 'ldap',
  input: z.strictObject({ anchor, ou }),
  output: accountOutput.extend({ moved: z.boolean() }),
  undoable: true,
  account: 'link',
});

export const ldapAddToGroups = declareAction({
  id: 'ldap.addToGroups',
  label: 'Add LDAP user to groups',
  description: 'Adds the entry to each groupOfNames (its member attribute). Already being a member is fine.',
  category: 'Groups',
  connector: 'ldap',
  input: z.strictObject({ anchor, groups: groupsInput }),
  output: accountOutput.extend({ added: z.array(z.string()), alreadyMember: z.array(z.string()) }),
  undoable: true,
  account: 'link',
});

export const ldapRemoveFromGroups = declareAction({
  id: 'ldap.removeFromGroups',
  label: 'Remove LDAP user from groups',
  description: 'Removes the entry from each group. Not being a member is fine. A groupOfNames keeps at least one member, so the last one cannot be removed.',
  category: 'Groups',
  connector: 'ldap',
  input: z.strictObject({ anchor, groups: groupsInput }),
  output: accountOutput.extend({ removed: z.array(z.string()), notMember: z.array(z.string()) }),
  undoable: true,
  account: 'link',
});

export const ldapSetManager = declareAction({
  id: 'ldap.setManager',
  label: 'Set LDAP manager',
  description: 'Sets the entry’s manager to the entry of the person with the given anchor value; empty clears it.',
  category: 'Accounts',
  connector: 'ldap',
  input: z.strictObject({
    anchor,
    managerAnchor: z.string().max(1024).nullable().describe('The manager’s anchor value; empty or null clears the manager.'),
  }),
  output: accountOutput.extend({ managerDn: z.string().nullable(), changed: z.boolean() }),
  undoable: true,
  account: 'link',
});

export const ldapDeleteUser = declareAction({
  id: 'ldap.deleteUser',
  label: 'Delete LDAP user',
  description: 'Deletes the entry. An entry that is already gone counts as deleted (`deleted` is false).',
  category: 'Accounts',
  connector: 'ldap',
  input: byAnchor,
  output: z.strictObject({ deleted: z.boolean(), dn: z.string().nullable() }),
  undoable: false,
  account: 'delete',
});

const ldapUniqueAttributes = ['uid', 'mail', 'cn', 'displayName'] as const;

export const ldapIsValueFree = declareAction({
  id: 'ldap.isValueFree',
  label: 'Is LDAP value free',
  description: 'Whether no entry under the base DN holds the value (for SelectUniqueValue). A value held by the entry with `anchor` counts as free, so a rerun keeps its own.',
  category: 'Accounts',
  connector: 'ldap',
  input: z.strictObject({
    attribute: z.enum(ldapUniqueAttributes),
    value: z.string().min(1).max(1024),
    anchor: anchor.optional(),
  }),
  output: isValueFreeOutput,
  undoable: false,
});

export const ldapFreeValues = declareFreeValues({ connector: 'ldap', target: 'LDAP entry', attributes: ldapUniqueAttributes, anchored: true });

export const ldapActions: readonly ActionDeclaration[] = [
  ldapFindUser,
  ldapCreateUser,
  ldapUpdateUser,
  ldapEnableUser,
  ldapDisableUser,
  ldapSetPassword,
  ldapMoveUser,
  ldapAddToGroups,
  ldapRemoveFromGroups,
  ldapSetManager,
  ldapDeleteUser,
  ldapIsValueFree,
  ldapFreeValues,
];
