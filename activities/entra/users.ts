/**
 * Creating, finding and updating users. Create is idempotent by the anchor: it looks for the anchor
 * value first, and when Graph says the userPrincipalName is taken it checks whether the holder is
 * this very person (a retry after a create whose answer was lost, before the filter index caught
 * up) or someone else (a real conflict, for SelectUniqueValue to avoid).
 */
import type { z } from 'zod';
import type { entraCreateUser, entraFindUser, entraFreeValues, entraIsValueFree, entraUpdateUser } from '../../workflows/dsl/catalog/entra.ts';
import { graphCall, graphTry, type EntraTarget } from './call.ts';
import { graphFailure, nonRetryable, type Operation } from './failures.ts';
import { findUser, requireUser, userByPrincipalName, usersWhere, userShape, type FoundUser } from './lookup.ts';
import { noteChanges } from '../audit.ts';
import { segment } from './odata.ts';
import { generatePassword } from './password.ts';

const writeUsers = (what: string): Operation => ({ what, permission: 'User.ReadWrite.All' });

type CreateInput = z.infer<typeof entraCreateUser.input>;
type UpdateInput = z.infer<typeof entraUpdateUser.input>;

const sameText = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

export async function findUserAction(target: EntraTarget, input: z.infer<typeof entraFindUser.input>): Promise<z.infer<typeof entraFindUser.output>> {
  const user = await findUser(target, input.user, ['userPrincipalName', 'displayName', 'accountEnabled']);
  return {
    found: user !== undefined,
    id: user?.id ?? null,
    userPrincipalName: user?.userPrincipalName ?? null,
    displayName: user?.displayName ?? null,
    accountEnabled: user?.accountEnabled ?? null,
  };
}

/** Whether the user holding a conflicting value is the person this step is about. */
async function holderIsThisPerson(target: EntraTarget, property: string, input: CreateInput, anchorValue: string): Promise<FoundUser | undefined> {
  const anchor = target.connection.config.anchorAttribute;
  const holder =
    property === 'userPrincipalName'
      ? await userByPrincipalName(target, input.userPrincipalName, [anchor, 'userPrincipalName'])
      : (await usersWhere(target, 'mail', input.mail ?? '', [anchor, 'userPrincipalName'], 1))[0];
  return holder && sameText(holder[anchor], anchorValue) ? holder : undefined;
}

export async function createUser(target: EntraTarget, input: CreateInput): Promise<z.infer<typeof entraCreateUser.output>> {
  const { password, forceChangePasswordNextSignIn, accountEnabled, ...attributes } = input;
  const mailNickname = attributes.mailNickname ?? input.userPrincipalName.slice(0, input.userPrincipalName.lastIndexOf('@'));
  const anchor = target.connection.config.anchorAttribute;
  const anchorValue = anchor === 'mailNickname' ? mailNickname : attributes[anchor];
  if (anchorValue === undefined || anchorValue === '') {
    throw nonRetryable('EntraAnchorMissing', `creating a user needs its ${anchor} (the connection's anchor attribute), so that a rerun finds the user instead of creating a second one; pass ${anchor} to the step`);
  }
  const existing = await findUser(target, anchorValue, ['userPrincipalName']);
  if (existing) return { id: existing.id, userPrincipalName: existing.userPrincipalName ?? input.userPrincipalName, created: false, passwordGenerated: false };

  const body = {
    ...attributes,
    accountEnabled,
    mailNickname,
    passwordProfile: { password: password ?? generatePassword(), forceChangePasswordNextSignIn },
  };
  const op = writeUsers(`create user ${input.userPrincipalName}`);
  const outcome = await graphTry(target, op, [400], (g) => g.api('/users').post(body));
  if (outcome.ok) {
    const created = userShape.parse(outcome.value);
    return { id: created.id, userPrincipalName: created.userPrincipalName ?? input.userPrincipalName, created: true, passwordGenerated: password === undefined };
  }
  const taken = /same value for property (\w+) already exists/i.exec(outcome.message)?.[1];
  if (taken === undefined) throw graphFailure(outcome, op, target.connection.config);
  const property = taken === 'proxyAddresses' ? 'mail' : taken;
  const mine = await holderIsThisPerson(target, property, input, anchorValue);
  if (mine) return { id: mine.id, userPrincipalName: mine.userPrincipalName ?? input.userPrincipalName, created: false, passwordGenerated: false };
  throw nonRetryable('EntraValueTaken', `cannot create ${input.userPrincipalName}: another Entra ID user already has this ${property}; choose another value (SelectUniqueValue with entra.isValueFree finds a free one)`);
}

function sameValue(current: unknown, wanted: unknown): boolean {
  if (current === wanted) return true;
  if (typeof current === 'string' && typeof wanted === 'string') {
    const a = Date.parse(current);
    const b = Date.parse(wanted);
    // Graph answers dates in its own format (2024-05-01T00:00:00Z for 2024-05-01T00:00:00+00:00).
    return /^\d{4}-\d{2}-\d{2}T/.test(wanted) && !Number.isNaN(a) && a === b;
  }
  return false;
}

export async function updateUser(target: EntraTarget, input: UpdateInput): Promise<{ id: string; changed: string[] }> {
  const { user: ref, clear, ...set } = input;
  const setNames = Object.keys(set);
  const both = clear.filter((k) => setNames.includes(k));
  if (both.length > 0) throw nonRetryable('EntraInvalidInput', `the step both sets and clears ${both.join(', ')}; do one or the other`);
  const current = await requireUser(target, ref, [...setNames, ...clear]);
  const patch: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(set)) {
    if (!sameValue(current[name], value)) patch[name] = value;
  }
  for (const name of clear) {
    const value = current[name];
    if (value !== null && value !== undefined && value !== '') patch[name] = null;
  }
  const changed = Object.keys(patch);
  if (changed.length > 0) await graphCall(target, writeUsers(`update user ${current.id} (${changed.join(', ')})`), (g) => g.api(`/users/${segment(current.id)}`).patch(patch));
  // Old values go to the audit log only, never into the output (and so the run's history).
  noteChanges(changed.map((name) => ({ attribute: name, before: current[name] ?? null, after: patch[name] })));
  return { id: current.id, changed };
}

export async function isValueFree(target: EntraTarget, input: z.infer<typeof entraIsValueFree.input>): Promise<{ free: boolean }> {
  return { free: (await usersWhere(target, input.attribute, input.value, [], 1)).length === 0 };
}

/** Each candidate asked as isValueFree asks it, side by side (the connection's limits still pace the requests). */
export async function freeValues(target: EntraTarget, input: z.infer<typeof entraFreeValues.input>): Promise<{ free: boolean[] }> {
  return { free: await Promise.all(input.checks.map(async (check) => (await isValueFree(target, check)).free)) };
}
