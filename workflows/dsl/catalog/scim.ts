/**
 * Actions on scim connections: outbound app provisioning over SCIM 2.0 (RFC 7643 schema, RFC 7644
 * protocol), shaped after what Microsoft Entra sends to the apps it provisions: match a user by
 * externalId or userName before creating, PATCH only what changed, deactivate with `active=false`,
 * hard delete only when asked, group membership through PATCH on `members`.
 *
 * Parameters are flat (the designer edits scalars and lists of scalars), so a user is named by
 * `userId` (its id in the app) or `matchValue` (its value of the connection's match attribute).
 */
import { z } from 'zod';
import { declareAction, type ActionDeclaration } from './declare.ts';

const text = z.string().max(2048);
const appId = z.string().min(1).max(1024);

const userRef = {
  userId: appId.optional().describe('The user’s id in the app: the `id` output of “Find app user” or “Create app user”. Give this or matchValue.'),
  matchValue: text.min(1).optional().describe('The user’s value of the connection’s match attribute (externalId unless the connection says userName). Give this or userId.'),
};
const exactlyOneUser = (i: { userId?: string | undefined; matchValue?: string | undefined }) => (i.userId === undefined) !== (i.matchValue === undefined);
const oneUserMessage = 'name the user with userId or matchValue (exactly one)';

const groupRef = {
  groupId: appId.optional().describe('The group’s id in the app: the `id` output of “Find app group” or “Create app group”. Give this or groupDisplayName.'),
  groupDisplayName: text.min(1).optional().describe('The group’s displayName. Give this or groupId.'),
};
const exactlyOneGroup = (i: { groupId?: string | undefined; groupDisplayName?: string | undefined }) => (i.groupId === undefined) !== (i.groupDisplayName === undefined);
const oneGroupMessage = 'name the group with groupId or groupDisplayName (exactly one)';

/**
 * The single-valued user attributes an action can set, each with what it maps to in the app. The
 * activities hold the SCIM path of every name here (a compile-time check keeps the two lists equal).
 */
function attributeFields<T>(field: (description: string) => T) {
  return {
    externalId: field('externalId: the person’s id in the HR system'),
    displayName: field('displayName'),
    givenName: field('name.givenName'),
    familyName: field('name.familyName'),
    nickName: field('nickName'),
    title: field('title (job title)'),
    userType: field('userType, e.g. Employee or Contractor'),
    preferredLanguage: field('preferredLanguage, e.g. en-US'),
    locale: field('locale, e.g. en-US'),
    timezone: field('timezone, an IANA name such as Europe/Paris'),
    email: field('emails[type eq "work"].value: the primary work email'),
    workPhone: field('phoneNumbers[type eq "work"].value'),
    mobilePhone: field('phoneNumbers[type eq "mobile"].value'),
    employeeNumber: field('enterprise extension: employeeNumber'),
    costCenter: field('enterprise extension: costCenter'),
    organization: field('enterprise extension: organization'),
    division: field('enterprise extension: division'),
    department: field('enterprise extension: department'),
    manager: field('enterprise extension: manager.value, the manager’s id in the app (the `id` output of “Find app user”)'),
  };
}
export type ScimUserAttribute = keyof ReturnType<typeof attributeFields>;

const extensionAttributes = z
  .array(z.string().max(4096).regex(/^urn:[^=\s]+:[^:=\s]+=/, 'write each entry as "<schema URN>:<attribute>=<value>"'))
  .max(100)
  .describe(
    'Attributes of the custom schema extensions the connection lists (userSchemaExtensions), one entry per attribute: "<schema URN>:<attribute>=<value>". In an update, an entry with an empty value removes the attribute.',
  );

const foundUser = z.strictObject({
  id: z.string(),
  userName: z.string(),
  externalId: z.string().nullable(),
  active: z.boolean().nullable(),
});

export const scimFindUser = declareAction({
  id: 'scim.findUser',
  label: 'Find app user',
  description: 'Looks a user up in the app by userName or externalId (an exact SCIM filter). Finding nobody is not an error: `found` is false.',
  category: 'Accounts',
  connector: 'scim',
  input: z.strictObject({
    by: z.enum(['userName', 'externalId']).optional().describe('Which attribute to match; the connection’s match attribute when left out.'),
    value: text.min(1).describe('The value the attribute must equal.'),
  }),
  output: z.strictObject({
    found: z.boolean(),
    id: z.string().nullable(),
    userName: z.string().nullable(),
    externalId: z.string().nullable(),
    active: z.boolean().nullable(),
  }),
  undoable: false,
  account: 'link',
});

export const scimCreateUser = declareAction({
  id: 'scim.createUser',
  label: 'Create app user',
  description:
    'Creates the user in the app, after looking for it by the connection’s match attribute: a user that already exists (or that the app reports as taken by the same person) is brought to these values instead, so running it twice leaves one user. Empty values are left out.',
  category: 'Accounts',
  connector: 'scim',
  input: z.strictObject({
    userName: text.min(1).describe('userName: unique in the app, often the person’s sign-in name or email.'),
    ...attributeFields((d) => text.optional().describe(d)),
    active: z.boolean().optional().describe('Whether the account can be used; a new user is active unless this says false.'),
    extensionAttributes: extensionAttributes.optional(),
  }),
  output: foundUser.extend({ created: z.boolean(), changed: z.array(z.string()) }),
  undoable: true,
  account: 'create',
  createsEnabled: (input) => input.active !== false,
});

export const scimUpdateUser = declareAction({
  id: 'scim.updateUser',
  label: 'Update app user',
  description:
    'Compares the given attributes with the user the app holds and sends one PATCH with only what differs (nothing when all match). A parameter left out is not touched; null or an empty value removes the attribute. Fails without retrying when the user does not exist.',
  category: 'Accounts',
  connector: 'scim',
  input: z
    .strictObject({
      ...userRef,
      userName: text.min(1).optional().describe('A new userName.'),
      ...attributeFields((d) => text.nullable().optional().describe(d)),
      active: z.boolean().optional().describe('Whether the account can be used.'),
      extensionAttributes: extensionAttributes.optional(),
    })
    .refine(exactlyOneUser, oneUserMessage),
  output: z.strictObject({ id: z.string(), changed: z.array(z.string()) }),
  undoable: false,
  account: 'link',
});

const activeOutput = z.strictObject({ id: z.string(), changed: z.boolean() });

export const scimDeactivateUser = declareAction({
  id: 'scim.deactivateUser',
  label: 'Deactivate app user',
  description: 'Sets active=false, as Entra does when a person leaves or is unassigned: the account stays, unusable. Nothing is sent when it is already inactive.',
  category: 'Accounts',
  connector: 'scim',
  input: z.strictObject(userRef).refine(exactlyOneUser, oneUserMessage),
  output: activeOutput,
  undoable: true,
  account: 'disable',
});

export const scimReactivateUser = declareAction({
  id: 'scim.reactivateUser',
  label: 'Reactivate app user',
  description: 'Sets active=true on an existing user, for a rehire or an undone leave. Nothing is sent when it is already active.',
  category: 'Accounts',
  connector: 'scim',
  input: z.strictObject(userRef).refine(exactlyOneUser, oneUserMessage),
  output: activeOutput,
  undoable: true,
  account: 'enable',
});

export const scimDeleteUser = declareAction({
  id: 'scim.deleteUser',
  label: 'Delete app user',
  description: 'Deletes the user from the app for good (DELETE). A user that is already gone counts as deleted: `deleted` is false.',
  category: 'Accounts',
  connector: 'scim',
  input: z.strictObject(userRef).refine(exactlyOneUser, oneUserMessage),
  output: z.strictObject({ deleted: z.boolean(), id: z.string().nullable() }),
  undoable: false,
  account: 'delete',
});

const groupOutput = z.strictObject({ id: z.string(), displayName: z.string(), externalId: z.string().nullable() });

export const scimFindGroup = declareAction({
  id: 'scim.findGroup',
  label: 'Find app group',
  description: 'Looks a group up in the app by displayName or externalId. Finding nothing is not an error: `found` is false.',
  category: 'Groups',
  connector: 'scim',
  input: z
    .strictObject({
      displayName: text.min(1).optional().describe('The group’s displayName. Give this or externalId.'),
      externalId: text.min(1).optional().describe('The group’s externalId. Give this or displayName.'),
    })
    .refine((i) => (i.displayName === undefined) !== (i.externalId === undefined), 'name the group with displayName or externalId (exactly one)'),
  output: z.strictObject({ found: z.boolean(), id: z.string().nullable(), displayName: z.string().nullable(), externalId: z.string().nullable() }),
  undoable: false,
});

export const scimCreateGroup = declareAction({
  id: 'scim.createGroup',
  label: 'Create app group',
  description: 'Creates the group unless one with this externalId (or, without one, this displayName) exists; an existing group keeps its members and gets this displayName.',
  category: 'Groups',
  connector: 'scim',
  input: z.strictObject({
    displayName: text.min(1).describe('displayName'),
    externalId: text.min(1).optional().describe('externalId: the group’s id in the system it comes from; the group is matched on it when given.'),
  }),
  output: groupOutput.extend({ created: z.boolean() }),
  undoable: true,
});

const membershipOutput = z.strictObject({ groupId: z.string(), userId: z.string(), changed: z.boolean() });

export const scimAddGroupMember = declareAction({
  id: 'scim.addGroupMember',
  label: 'Add user to app group',
  description: 'Adds the user to the group’s members (PATCH add members) unless it is a member already. Fails without retrying when the group or the user does not exist.',
  category: 'Groups',
  connector: 'scim',
  input: z
    .strictObject({ ...groupRef, ...userRef })
    .refine(exactlyOneGroup, oneGroupMessage)
    .refine(exactlyOneUser, oneUserMessage),
  output: membershipOutput,
  undoable: true,
});

export const scimRemoveGroupMember = declareAction({
  id: 'scim.removeGroupMember',
  label: 'Remove user from app group',
  description: 'Removes the user from the group’s members (PATCH remove members[value eq …]). A user who is not a member, or a group or user that does not exist, leaves nothing to do: `changed` is false.',
  category: 'Groups',
  connector: 'scim',
  input: z
    .strictObject({ ...groupRef, ...userRef })
    .refine(exactlyOneGroup, oneGroupMessage)
    .refine(exactlyOneUser, oneUserMessage),
  output: z.strictObject({ groupId: z.string().nullable(), userId: z.string().nullable(), changed: z.boolean() }),
  undoable: true,
});

export const scimActions: readonly ActionDeclaration[] = [
  scimFindUser,
  scimCreateUser,
  scimUpdateUser,
  scimDeactivateUser,
  scimReactivateUser,
  scimDeleteUser,
  scimFindGroup,
  scimCreateGroup,
  scimAddGroupMember,
  scimRemoveGroupMember,
];
