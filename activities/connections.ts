/**
 * Connections: a target system's endpoint, settings and credentials. Runs refer to a connection by
 * id only; an activity loads the connection (secrets decrypted) when it runs, so secrets never enter
 * workflow inputs, results or history.
 *
 * Each connector kind declares once what its connection holds (`config`, `secrets`) and how to test
 * it; the API validates new connections and runs tests through that declaration.
 */
import type { z } from 'zod';
import type { ConnectorKind } from '../workflows/dsl/index.ts';

export interface Connection<C = unknown, S = unknown> {
  id: string;
  kind: ConnectorKind;
  name: string;
  /** Bumped on every change; pooled clients are keyed by it so a change takes effect at once. */
  version: number;
  config: C;
  secrets: S;
}

/** Loads a connection with its secrets decrypted. Throws ConnectionNotFound for an unknown id. */
export interface ConnectionSource {
  load(id: string): Promise<Connection>;
}

export class ConnectionNotFound extends Error {
  constructor(id: string) {
    super(`no connection "${id}"`);
    this.name = 'ConnectionNotFound';
  }
}

/** Which stage of reaching a target a connection test checked. */
export type TestStepName = 'config' | 'dns' | 'tcp' | 'tls' | 'bind' | 'auth' | 'permission' | 'http' | 'smtp';

export interface TestStep {
  step: TestStepName;
  ok: boolean;
  /** What was checked, or what failed and what to do about it. Never contains a secret. */
  detail: string;
  /** How long the stage took, in milliseconds (a stage found wanting before any I/O has none). */
  ms?: number;
}

/**
 * The stages of one test, in order: each is stamped on push with the time since the previous stage
 * ended (or the log was made), so a probe reports durations by writing its stages as it always did.
 */
export class StageLog extends Array<TestStep> {
  #last = performance.now();

  override push(...steps: TestStep[]): number {
    for (const step of steps) {
      const now = performance.now();
      super.push({ ...step, ms: step.ms ?? Math.round(now - this.#last) });
      this.#last = now;
    }
    return this.length;
  }
}

export interface TestReport {
  ok: boolean;
  steps: TestStep[];
}

export interface ConnectorDeclaration<C extends z.ZodType = z.ZodType, S extends z.ZodType = z.ZodType> {
  kind: ConnectorKind;
  label: string;
  /** Non-secret settings: endpoint, base DN, tenant, limits… */
  config: C;
  /** Credentials: stored encrypted, write-only in the API. */
  secrets: S;
  /** Checks each stage in order and stops at the first failure, saying which. */
  test(connection: Connection<z.infer<C>, z.infer<S>>): Promise<TestReport>;
}

export function declareConnector<C extends z.ZodType, S extends z.ZodType>(d: ConnectorDeclaration<C, S>): ConnectorDeclaration<C, S> {
  return d;
}

/** Parses a loaded connection's config and secrets with its connector's schemas. */
export function typedConnection<C extends z.ZodType, S extends z.ZodType>(
  connector: ConnectorDeclaration<C, S>,
  connection: Connection,
): Connection<z.infer<C>, z.infer<S>> {
  if (connection.kind !== connector.kind) {
    throw new Error(`connection "${connection.id}" is a ${connection.kind} connection, not ${connector.kind}`);
  }
  return { ...connection, config: connector.config.parse(connection.config), secrets: connector.secrets.parse(connection.secrets) };
}
