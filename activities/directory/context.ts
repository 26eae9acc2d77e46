/**
 * The frame every ad and ldap activity runs in: parse the step's input, load the connection (its
 * secrets decrypted only here), take the connection's pooled, bound session, run the operation,
 * and turn whatever LDAP error is left into a Temporal failure. A session whose connection broke
 * is dropped from the pool so the next attempt connects and binds afresh.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import type { ActivityDeps } from '../deps.ts';
import { ConnectionNotFound, typedConnection, type ConnectorDeclaration } from '../connections.ts';
import type { Limits } from '../limits.ts';
import { ClientPool } from '../pool.ts';
import type { ActionCall } from '../types.ts';
import { directoryFailure, isConnectionError } from './errors.ts';
import type { DirectoryContext, DirectoryProfile } from './profile.ts';
import { DirectorySession } from './session.ts';
import type { BindSecrets, Endpoint } from './settings.ts';

export interface DirectorySetup {
  endpoint: Endpoint;
  secrets: BindSecrets;
  limits: Limits;
  profile: DirectoryProfile;
}

/** The step's input, checked against its action's schema (defaults applied). */
export function parseInput<T extends z.ZodType>(schema: T, call: ActionCall): z.infer<T> {
  const parsed = schema.safeParse(call.input);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(`the step’s parameters are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`, 'InvalidInput');
  }
  return parsed.data;
}

/** Opens a session and binds, failing with the bind DN named (never the password). */
export async function openSession(connectionId: string, version: number, setup: Omit<DirectorySetup, 'profile'>): Promise<DirectorySession> {
  const session = new DirectorySession({ connectionId, version, ...setup });
  try {
    await session.ensureBound();
  } catch (error) {
    await session.close().catch(() => undefined);
    throw directoryFailure(error, `binding to ${setup.endpoint.url} as ${setup.secrets.bindDn}`);
  }
  return session;
}

export type DirectoryRunner<Config> = <T>(call: ActionCall, what: string, fn: (ctx: DirectoryContext, config: Config) => Promise<T>) => Promise<T>;

export function createDirectoryRunner<C extends z.ZodType, S extends z.ZodType>(
  deps: ActivityDeps,
  connector: ConnectorDeclaration<C, S>,
  setupOf: (config: z.infer<C>, secrets: z.infer<S>) => DirectorySetup,
): DirectoryRunner<z.infer<C>> {
  const pool = new ClientPool<DirectorySession>();
  return async (call, what, fn) => {
    if (call.connectionId === undefined) throw ApplicationFailure.nonRetryable(`the step names no ${connector.kind} connection: choose one in the step`, 'ConnectionMissing');
    let loaded;
    try {
      loaded = await deps.connections.load(call.connectionId);
    } catch (error) {
      if (error instanceof ConnectionNotFound) throw ApplicationFailure.nonRetryable(`${error.message}: choose an existing connection in the step`, 'ConnectionNotFound');
      throw error;
    }
    if (loaded.kind !== connector.kind) {
      throw ApplicationFailure.nonRetryable(`connection "${loaded.id}" is a ${loaded.kind} connection; this step needs a ${connector.kind} one`, 'ConnectionInvalid');
    }
    let connection;
    try {
      connection = typedConnection(connector, loaded);
    } catch (error) {
      if (error instanceof z.ZodError) throw ApplicationFailure.nonRetryable(`connection "${loaded.id}" no longer matches the ${connector.kind} connector: edit it`, 'ConnectionInvalid');
      throw error;
    }
    const setup = setupOf(connection.config, connection.secrets);
    const { id, version } = connection;
    let session: DirectorySession | undefined;
    try {
      session = await pool.get(id, version, { create: async () => openSession(id, version, setup), close: async (s) => s.close() });
      return await fn({ session, profile: setup.profile }, connection.config);
    } catch (error) {
      if (isConnectionError(error)) {
        pool.discard(id);
        if (session) void session.close().catch(() => undefined);
      }
      throw directoryFailure(error, what);
    }
  };
}
