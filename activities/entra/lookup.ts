/**
 * Finding users. A step names a user by the connection's anchor attribute (employeeId unless
 * configured otherwise) or by object id; the anchor is what makes every write idempotent: create
 * looks for the anchor before it creates, and every other action resolves the anchor to the id.
 */
import { z } from 'zod';
import { graphCall, graphTry, type EntraTarget } from './call.ts';
import { nonRetryable, type Operation } from './failures.ts';
import { eqFilter, segment } from './odata.ts';

const objectId = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const userShape = z
  .object({
    id: z.string(),
    userPrincipalName: z.string().nullish(),
    displayName: z.string().nullish(),
    accountEnabled: z.boolean().nullish(),
  })
  .loose();
export type FoundUser = z.infer<typeof userShape>;

const userList = z.object({ value: z.array(userShape), '@odata.nextLink': z.string().optional() });

const readUsers: Operation = { what: 'look up the user', permission: 'User.Read.All' };

/** Where a user is looked for: the active directory or the deleted items. */
type Place = 'users' | 'deleted';
const collection = (place: Place) => (place === 'users' ? '/users' : '/directory/deletedItems/microsoft.graph.user');
const item = (place: Place, id: string) => (place === 'users' ? `/users/${segment(id)}` : `/directory/deletedItems/${segment(id)}`);

/** Users whose `property` equals `value`; at most `top`. */
export async function usersWhere(target: EntraTarget, property: string, value: string, select: readonly string[], top: number, place: Place = 'users'): Promise<FoundUser[]> {
  const body = await graphCall(target, readUsers, (g) =>
    g.api(collection(place)).filter(eqFilter(property, value)).select([...new Set(['id', ...select])]).top(top).get(),
  );
  return userList.parse(body).value;
}

async function byId(target: EntraTarget, id: string, select: readonly string[], place: Place): Promise<FoundUser | undefined> {
  const found = await graphTry(target, readUsers, [404], (g) => g.api(item(place, id)).select([...new Set(['id', ...select])]).get());
  return found.ok ? userShape.parse(found.value) : undefined;
}

/** The user `ref` names, or undefined when there is none; two users with the same anchor value is an error to fix in the directory. */
export async function findUser(target: EntraTarget, ref: string, select: readonly string[] = [], place: Place = 'users'): Promise<FoundUser | undefined> {
  if (objectId.test(ref)) {
    const found = await byId(target, ref, select, place);
    if (found) return found;
  }
  const anchor = target.connection.config.anchorAttribute;
  const matches = await usersWhere(target, anchor, ref, select, 2, place);
  if (matches.length > 1) {
    throw nonRetryable('EntraAmbiguousAnchor', `more than one ${place === 'users' ? '' : 'deleted '}Entra ID user has ${anchor} ${JSON.stringify(ref)}; make the anchor unique in the directory`);
  }
  return matches[0];
}

export async function requireUser(target: EntraTarget, ref: string, select: readonly string[] = []): Promise<FoundUser> {
  const user = await findUser(target, ref, select);
  if (!user) {
    throw nonRetryable('EntraUserNotFound', `no Entra ID user has ${target.connection.config.anchorAttribute} (or object id) ${JSON.stringify(ref)}; create the user first or check the value the step passes`);
  }
  return user;
}

/** The user with this userPrincipalName (or object id), read by key, not through a filter that can lag behind a fresh write. */
export async function userByPrincipalName(target: EntraTarget, upn: string, select: readonly string[]): Promise<FoundUser | undefined> {
  return byId(target, upn, select, 'users');
}

/** Every page of a collection, following `@odata.nextLink`. */
export async function allPages<T>(target: EntraTarget, op: Operation, first: string, item: z.ZodType<T>): Promise<T[]> {
  const page = z.object({ value: z.array(item), '@odata.nextLink': z.string().optional() });
  const out: T[] = [];
  let next: string | undefined = first;
  while (next !== undefined) {
    const url: string = next;
    const body = page.parse(await graphCall(target, op, (g) => g.api(url).get()));
    out.push(...body.value);
    next = body['@odata.nextLink'];
  }
  return out;
}
