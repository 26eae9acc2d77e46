/**
 * Actions on Microsoft Entra ID connections (through Microsoft Graph). Users are named by `user`:
 * the value of the connection's anchor attribute (employeeId unless the connection says otherwise)
 * or the user's object id. Attribute limits are Graph's own, so the designer refuses what Graph
 * would refuse before anything runs.
 */
import { z } from 'zod';
import { declareAction, type ActionDeclaration } from './declare.ts';
import { declareFreeValues } from './uniqueness.ts';

const userRef = z
  .string()
  .min(1)
  .max(1024)
  .describe("The user: the value of the connection's anchor attribute (employeeId by default), or the user's object id.");

const text = (max: number, what: string) => z.string().max(max, `${what} holds at most ${max} characters in Entra ID`);

/** userPrincipalName: alias@domain, the alias from Entra's allowed characters (no accents, no spaces). */
const upn = z
  .string()
  .max(113)
  .regex(/^[A-Za-z0-9'.\-_!#^~]{1,64}@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, "use alias@domain with only A–Z, a–z, 0–9 and ' . - _ ! # ^ ~ in the alias (normalize accents first)");
const mailNickname = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, 'use ASCII letters, digits and punctuation, without spaces')
  .refine((v) => !/[@()\\[\]";:<>,]/.test(v), 'a mail nickname cannot contain @ ( ) \\ [ ] " ; : < > ,');

/** Writable user attributes, with Graph's limits. */
const attributes = {
  displayName: text(256, 'displayName').min(1),
  givenName: text(64, 'givenName'),
  surname: text(64, 'surname'),
  jobTitle: text(128, 'jobTitle'),
  department: text(64, 'department'),
  companyName: text(64, 'companyName'),
  officeLocation: text(128, 'officeLocation'),
  employeeId: text(16, 'employeeId'),
  employeeType: text(64, 'employeeType'),
  employeeHireDate: z.iso.datetime({ offset: true }),
  mail: z.email().max(256),
  mailNickname,
  userPrincipalName: upn,
  usageLocation: z.string().regex(/^[A-Z]{2}$/, 'use a two-letter ISO 3166 country code, e.g. "DE"'),
  city: text(128, 'city'),
  country: text(128, 'country'),
  state: text(128, 'state'),
  streetAddress: text(1024, 'streetAddress'),
  postalCode: text(40, 'postalCode'),
  mobilePhone: text(64, 'mobilePhone'),
  preferredLanguage: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'use a language tag, e.g. "en-US"'),
};
const attributeSchema = z.strictObject(attributes);
/** Names of the attributes the create and update actions write. */
export const entraUserAttribute = attributeSchema.keyof();

const stateOutput = z.strictObject({ id: z.string(), changed: z.boolean() });
const guid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'use an object id (GUID)');

export const entraFindUser = declareAction({
  id: 'entra.findUser',
  label: 'Find Entra ID user',
  description: 'Looks the user up by the anchor attribute (or object id) and says whether they exist.',
  category: 'Accounts',
  connector: 'entra',
  input: z.strictObject({ user: userRef }),
  output: z.strictObject({
    found: z.boolean(),
    id: z.string().nullable(),
    userPrincipalName: z.string().nullable(),
    displayName: z.string().nullable(),
    accountEnabled: z.boolean().nullable(),
  }),
  undoable: false,
  account: 'link',
});

export const entraCreateUser = declareAction({
  id: 'entra.createUser',
  label: 'Create Entra ID user',
  description:
    'Creates the user unless one with the same anchor value exists. Without a password, a strong initial password is generated inside the worker and never stored; the user must change it at first sign-in unless told otherwise.',
  category: 'Accounts',
  connector: 'entra',
  input: attributeSchema.partial().extend({
    userPrincipalName: upn.describe('Also the default mailNickname (its alias) when none is given.'),
    displayName: attributes.displayName,
    accountEnabled: z.boolean().default(true),
    password: z.string().min(8).max(256).optional(),
    forceChangePasswordNextSignIn: z.boolean().default(true),
  }),
  output: z.strictObject({ id: z.string(), userPrincipalName: z.string(), created: z.boolean(), passwordGenerated: z.boolean() }),
  undoable: true,
  secretInputs: ['password'],
  account: 'create',
  createsEnabled: (input) => input.accountEnabled,
});

export const entraUpdateUser = declareAction({
  id: 'entra.updateUser',
  label: 'Update Entra ID user',
  description: 'Sets the given attributes and clears those named in `clear`, changing only what differs.',
  category: 'Accounts',
  connector: 'entra',
  input: attributeSchema.partial().extend({ user: userRef, clear: z.array(entraUserAttribute).max(50).default([]) }),
  output: z.strictObject({ id: z.string(), changed: z.array(z.string()) }),
  undoable: false,
  account: 'link',
});

export const entraDisableUser = declareAction({
  id: 'entra.disableUser',
  label: 'Disable Entra ID user',
  description: 'Blocks sign-in (accountEnabled = false).',
  category: 'Accounts',
  connector: 'entra',
  input: z.strictObject({ user: userRef }),
  output: stateOutput,
  undoable: true,
  account: 'disable',
});

export const entraEnableUser = declareAction({
  id: 'entra.enableUser',
  label: 'Enable Entra ID user',
  description: 'Allows sign-in (accountEnabled = true).',
  category: 'Accounts',
  connector: 'entra',
  input: z.strictObject({ user: userRef }),
  output: stateOutput,
  undoable: true,
  account: 'enable',
});

export const entraRevokeSignInSessions = declareAction({
  id: 'entra.revokeSignInSessions',
  label: 'Revoke sign-in sessions',
  description: "Invalidates the user's refresh tokens and session cookies, so apps ask them to sign in again.",
  category: 'Security',
  connector: 'entra',
  input: z.strictObject({ user: userRef }),
  output: z.strictObject({ id: z.string(), revoked: z.boolean() }),
  undoable: false,
  account: 'link',
});

export const entraAddGroupMemberships = declareAction({
  id: 'entra.addGroupMemberships',
  label: 'Add to Entra ID groups',
  description: 'Adds the user to each group (object ids); a group the user is already in counts as done.',
  category: 'Groups',
  connector: 'entra',
  input: z.strictObject({ user: userRef, groupIds: z.array(guid).min(1).max(1000) }),
  output: z.strictObject({ id: z.string(), added: z.array(z.string()), alreadyMember: z.array(z.string()) }),
  undoable: true,
  account: 'link',
});

export const entraRemoveGroupMemberships = declareAction({
  id: 'entra.removeGroupMemberships',
  label: 'Remove from Entra ID groups',
  description: 'Removes the user from each group given, or from every group they are in; a group they are not in counts as done.',
  category: 'Groups',
  connector: 'entra',
  input: z.strictObject({ user: userRef, groupIds: z.array(guid).max(1000).default([]), allGroups: z.boolean().default(false) }),
  output: z.strictObject({ id: z.string(), removed: z.array(z.string()), notMember: z.array(z.string()) }),
  undoable: true,
  account: 'link',
});

export const entraAssignLicenses = declareAction({
  id: 'entra.assignLicenses',
  label: 'Assign licenses',
  description: 'Assigns the licenses (SKU ids) the user does not have yet. The user needs a usage location.',
  category: 'Licenses',
  connector: 'entra',
  input: z.strictObject({ user: userRef, skuIds: z.array(guid).min(1).max(50) }),
  output: z.strictObject({ id: z.string(), assigned: z.array(z.string()), alreadyAssigned: z.array(z.string()) }),
  undoable: true,
  account: 'link',
});

export const entraRemoveLicenses = declareAction({
  id: 'entra.removeLicenses',
  label: 'Remove licenses',
  description: 'Removes the licenses (SKU ids) the user has; one they do not have counts as done.',
  category: 'Licenses',
  connector: 'entra',
  input: z.strictObject({ user: userRef, skuIds: z.array(guid).min(1).max(50) }),
  output: z.strictObject({ id: z.string(), removed: z.array(z.string()), notAssigned: z.array(z.string()) }),
  undoable: true,
  account: 'link',
});

export const entraSetManager = declareAction({
  id: 'entra.setManager',
  label: 'Set manager',
  description: "Makes `manager` (anchor value or object id) the user's manager.",
  category: 'Accounts',
  connector: 'entra',
  input: z.strictObject({ user: userRef, manager: userRef }),
  output: z.strictObject({ id: z.string(), managerId: z.string(), changed: z.boolean() }),
  undoable: false,
  account: 'link',
});

export const entraCreateTemporaryAccessPass = declareAction({
  id: 'entra.createTemporaryAccessPass',
  label: 'Create Temporary Access Pass',
  description:
    'Creates a Temporary Access Pass (replacing an earlier one) and mails it from the `deliverFrom` mailbox to `deliverTo` through Microsoft Graph. The pass never enters the run: the step records only its id and validity.',
  category: 'Security',
  connector: 'entra',
  input: z.strictObject({
    user: userRef,
    lifetimeInMinutes: z.number().int().min(10).max(43_200).default(60),
    isUsableOnce: z.boolean().default(true),
    startDateTime: z.iso.datetime({ offset: true }).optional(),
    deliverFrom: z.string().min(3).max(256).describe('The mailbox (userPrincipalName or object id) that sends the pass; the app needs Mail.Send.'),
    deliverTo: z.union([z.email(), z.array(z.email()).min(1).max(10)]).describe('Who receives the pass: one address or a list (the manager, a helpdesk queue).'),
    subject: z.string().min(1).max(255).default('Your Temporary Access Pass'),
  }),
  output: z.strictObject({
    id: z.string(),
    userId: z.string(),
    startDateTime: z.string(),
    lifetimeInMinutes: z.number(),
    isUsableOnce: z.boolean(),
    deliveredTo: z.array(z.string()),
  }),
  undoable: false,
});

export const entraDeleteUser = declareAction({
  id: 'entra.deleteUser',
  label: 'Delete Entra ID user',
  description: 'Soft-deletes the user: they stay restorable in deleted items for 30 days.',
  category: 'Accounts',
  connector: 'entra',
  input: z.strictObject({ user: userRef }),
  output: z.strictObject({ id: z.string().nullable(), changed: z.boolean() }),
  undoable: true,
  account: 'delete',
});

export const entraRestoreUser = declareAction({
  id: 'entra.restoreUser',
  label: 'Restore Entra ID user',
  description: 'Restores a soft-deleted user from deleted items; a user who is already active counts as done.',
  category: 'Accounts',
  connector: 'entra',
  input: z.strictObject({ user: userRef }),
  output: stateOutput,
  undoable: true,
  account: 'link',
});

const entraUniqueAttributes = ['userPrincipalName', 'mail', 'mailNickname'] as const;

export const entraIsValueFree = declareAction({
  id: 'entra.isValueFree',
  label: 'Is the value free?',
  description: 'Whether no user holds the value in userPrincipalName, mail or mailNickname; what SelectUniqueValue asks.',
  category: 'Directory',
  connector: 'entra',
  input: z.strictObject({ attribute: z.enum(entraUniqueAttributes), value: z.string().min(1).max(1024) }),
  output: z.strictObject({ free: z.boolean() }),
  undoable: false,
});

export const entraFreeValues = declareFreeValues({ connector: 'entra', target: 'Entra ID user', attributes: entraUniqueAttributes, anchored: false });

export const entraActions: readonly ActionDeclaration[] = [
  entraFindUser,
  entraCreateUser,
  entraUpdateUser,
  entraDisableUser,
  entraEnableUser,
  entraRevokeSignInSessions,
  entraAddGroupMemberships,
  entraRemoveGroupMemberships,
  entraAssignLicenses,
  entraRemoveLicenses,
  entraSetManager,
  entraCreateTemporaryAccessPass,
  entraDeleteUser,
  entraRestoreUser,
  entraIsValueFree,
  entraFreeValues,
];
