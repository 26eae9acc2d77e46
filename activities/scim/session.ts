/**
 * What every scim action starts with: its connection (loaded with its secrets when the activity
 * runs, never carried in the workflow), the pooled client for it, and its input parsed with the
 * action's declared schema.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { ConnectionNotFound, typedConnection, type ConnectionSource } from '../connections.ts';
import { ClientPool } from '../pool.ts';
import type { ActionCall } from '../types.ts';
import { ScimClient } from './client.ts';
import { scimConnector } from './connector.ts';
import type { ScimConnection } from './settings.ts';

export interface ScimSession {
  client: ScimClient;
  connection: ScimConnection;
}

export type OpenSession = (call: ActionCall) => Promise<ScimSession>;

export function scimSessions(connections: ConnectionSource): OpenSession {
  const pool = new ClientPool<ScimClient>();
  return async (call) => {
    if (call.connectionId === undefined) throw ApplicationFailure.nonRetryable(`step "${call.nodeId}" names no connection; choose a scim connection for it`, 'ConnectionMissing');
    let loaded;
    try {
      loaded = await connections.load(call.connectionId);
    } catch (error) {
      if (error instanceof ConnectionNotFound) throw ApplicationFailure.nonRetryable(`${error.message}; choose an existing scim connection for step "${call.nodeId}"`, 'ConnectionNotFound');
      throw error;
    }
    let connection: ScimConnection;
    try {
      connection = typedConnection(scimConnector, loaded);
    } catch (error) {
      // A zod message could quote a stored value; say only which connection to fix.
      const reason = error instanceof Error && error.name !== 'ZodError' ? error.message : `connection "${loaded.id}" no longer matches the scim connector's settings`;
      throw ApplicationFailure.nonRetryable(`${reason}; edit the connection or choose a scim connection for step "${call.nodeId}"`, 'ScimConnectionInvalid');
    }
    const current = connection;
    const client = await pool.get(connection.id, connection.version, {
      create: async () => Promise.resolve(new ScimClient(current)),
      close: async () => Promise.resolve(),
    });
    return { client, connection };
  };
}

/** The step's input as its action declares it; a mismatch cannot be fixed by retrying. */
export function parseInput<S extends z.ZodType>(schema: S, call: ActionCall, actionId: string): z.infer<S> {
  const parsed = schema.safeParse(call.input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  throw ApplicationFailure.nonRetryable(`${actionId} in step "${call.nodeId}": ${problems}`, 'ScimInvalidInput');
}
