/**
 * The scim activities wired to a real scim2-server through an injected ConnectionSource, and typed
 * reads of what the server holds, for the scim tests.
 */
import { ApplicationFailure } from '@temporalio/common';
import { expect } from 'vitest';
import { z } from 'zod';
import type { Connection } from '../../../activities/connections.ts';
import { createScimActivities } from '../../../activities/scim/index.ts';
import type { ActionImplementations } from '../../../activities/types.ts';
import { testUserExtension, type ScimServer } from '../../peers/scim.ts';
import { testActivityDeps } from '../../support/deps.ts';

let connections = 0;

/** A scim connection to `server` (bearer auth, the test extension declared), with `config` overriding. */
export function scimConnection(server: ScimServer, config: Record<string, unknown> = {}, secrets: Record<string, unknown> = { token: server.token }): Connection {
  connections++;
  return {
    id: `scim-test-${connections}`,
    kind: 'scim',
    name: 'test app',
    version: 1,
    config: { baseUrl: server.baseUrl, auth: { mode: 'bearer' }, userSchemaExtensions: [testUserExtension], ...config },
    secrets,
  };
}

export interface ScimActions {
  connection: Connection;
  run(actionId: string, input: Record<string, unknown>): Promise<unknown>;
}

export function scimActions(connection: Connection): ScimActions {
  const implementations: ActionImplementations = createScimActivities(testActivityDeps({ connections: { load: async () => Promise.resolve(connection) } }));
  return {
    connection,
    async run(actionId, input) {
      const implementation = implementations[actionId];
      if (!implementation) throw new Error(`no implementation of ${actionId}`);
      return implementation({ runId: 'test-run', nodeId: 'step', connectionId: connection.id, input });
    },
  };
}

/** The failure an action threw: its type, retryability and message. */
export async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  if (!(error instanceof ApplicationFailure)) throw new Error('expected an ApplicationFailure');
  return error;
}

export const scimUser = z.looseObject({
  id: z.string(),
  userName: z.string(),
  externalId: z.string().optional(),
  displayName: z.string().optional(),
  title: z.string().optional(),
  active: z.boolean().optional(),
  name: z.looseObject({ givenName: z.string().optional(), familyName: z.string().optional() }).optional(),
  emails: z.array(z.looseObject({ value: z.string(), type: z.string().optional(), primary: z.boolean().optional() })).optional(),
  phoneNumbers: z.array(z.looseObject({ value: z.string(), type: z.string().optional() })).optional(),
  meta: z.looseObject({ version: z.string().optional(), lastModified: z.string().optional() }),
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': z
    .looseObject({ department: z.string().optional(), employeeNumber: z.string().optional(), costCenter: z.string().optional(), manager: z.looseObject({ value: z.string() }).optional() })
    .optional(),
  [testUserExtension]: z.looseObject({ badgeNumber: z.string().optional(), site: z.string().optional() }).optional(),
});
export type ScimUser = z.infer<typeof scimUser>;

export const scimGroup = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  externalId: z.string().optional(),
  members: z.array(z.looseObject({ value: z.string() })).optional(),
  meta: z.looseObject({ version: z.string().optional() }),
});

const list = z.looseObject({ totalResults: z.number(), Resources: z.array(z.unknown()).default([]) });

/** The user as the server holds it, read with a GET of its own; undefined when the server has none. */
export async function heldUser(server: ScimServer, id: string): Promise<ScimUser | undefined> {
  const res = await server.read(`/Users/${encodeURIComponent(id)}`);
  if (res.status === 404) return undefined;
  expect(res.status).toBe(200);
  return scimUser.parse(res.body);
}

export async function heldGroup(server: ScimServer, id: string) {
  const res = await server.read(`/Groups/${encodeURIComponent(id)}`);
  if (res.status === 404) return undefined;
  expect(res.status).toBe(200);
  return scimGroup.parse(res.body);
}

/** What the server returns for a raw filter, with no client-side re-check. */
export async function serverFilter(server: ScimServer, endpoint: '/Users' | '/Groups', filter: string): Promise<{ id: string }[]> {
  const res = await server.read(endpoint, { filter });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return list.parse(res.body).Resources.map((r) => ({ id: z.looseObject({ id: z.string() }).parse(r).id }));
}

export const createdUser = z.object({ id: z.string(), userName: z.string(), externalId: z.string().nullable(), active: z.boolean().nullable(), created: z.boolean(), changed: z.array(z.string()) });
export const idAndChanges = z.object({ id: z.string(), changed: z.array(z.string()) });
export const idAndFlag = z.object({ id: z.string(), changed: z.boolean() });
