/** Connections to Temporal, with a clear error when the cluster cannot be reached. */
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';

export class TemporalUnavailable extends Error {}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
}

export async function connectClient(address: string, namespace: string, dataConverter?: DataConverter): Promise<Client> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 5000 });
    await connection.withDeadline(Date.now() + 5000, () => connection.workflowService.describeNamespace({ namespace }));
    return new Client({ connection, namespace, ...(dataConverter ? { dataConverter } : {}) });
  } catch (error) {
    throw new TemporalUnavailable(`cannot reach Temporal at ${address} (namespace ${namespace}): ${reason(error)}`);
  }
}

export async function connectWorker(address: string): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect({ address });
  } catch (error) {
    throw new TemporalUnavailable(`the worker cannot reach Temporal at ${address}: ${reason(error)}`);
  }
}
