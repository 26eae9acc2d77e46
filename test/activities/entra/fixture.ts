/**
 * The entra activities wired, through an injected ConnectionSource, to the Graph peer
 * (test/peers/graph): a contract-faithful stand-in for Microsoft Graph and the identity platform,
 * because Entra ID cannot run locally. Every call goes over HTTPS through the real Microsoft Graph
 * client and @azure/identity.
 */
import { ApplicationFailure } from '@temporalio/common';
import { expect } from 'vitest';
import type { Connection } from '../../../activities/connections.ts';
import { createEntraActivities } from '../../../activities/entra/index.ts';
import type { ActionImplementations } from '../../../activities/types.ts';
import { startGraphPeer, type GraphPeer, type GraphPeerOptions } from '../../peers/graph/server.ts';
import { testActivityDeps } from '../../support/deps.ts';

let connections = 0;

/** An entra connection to `peer` (its CA trusted), with `config` overriding. */
export function entraConnection(peer: GraphPeer, config: Record<string, unknown> = {}, secrets: Record<string, unknown> = { clientSecret: peer.clientSecret }): Connection {
  connections++;
  return {
    id: `entra-test-${connections}`,
    kind: 'entra',
    name: 'test tenant',
    version: 1,
    config: { tenantId: peer.tenantId, clientId: peer.clientId, graphBaseUrl: peer.graphBaseUrl, authorityHost: peer.authorityHost, tlsCaCert: peer.caCert, ...config },
    secrets,
  };
}

export interface EntraActions {
  connection: Connection;
  run(actionId: string, input: Record<string, unknown>): Promise<unknown>;
}

export function entraActions(connection: Connection): EntraActions {
  const implementations: ActionImplementations = createEntraActivities(testActivityDeps({ connections: { load: async () => Promise.resolve(connection) } }));
  return {
    connection,
    async run(actionId, input) {
      const implementation = implementations[actionId];
      if (!implementation) throw new Error(`no implementation of ${actionId}`);
      return implementation({ runId: 'test-run', nodeId: 'step', connectionId: connection.id, input });
    },
  };
}

export interface EntraFixture extends EntraActions {
  peer: GraphPeer;
  stop(): Promise<void>;
}

export async function startEntraFixture(options: GraphPeerOptions = {}, config: Record<string, unknown> = {}): Promise<EntraFixture> {
  const peer = await startGraphPeer(options);
  return { ...entraActions(entraConnection(peer, config)), peer, stop: () => peer.stop() };
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

/** A snapshot of a peer user's stored state, to compare before and after a rerun. */
export function snapshot(peer: GraphPeer, key: string): unknown {
  const user = peer.user(key);
  return user === undefined ? undefined : structuredClone({ ...user, props: { ...user.props } });
}

export const newHire = {
  userPrincipalName: 'ada.lovelace@contoso.com',
  displayName: 'Ada Lovelace',
  givenName: 'Ada',
  surname: 'Lovelace',
  employeeId: 'E1001',
  department: 'Engineering',
  jobTitle: 'Engineer',
  usageLocation: 'GB',
};
