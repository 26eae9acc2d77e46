/** The contract between the lifecycle workflow and every action implementation. */

/** What the workflow sends when it runs an action: never a secret, only the connection's id. */
export interface ActionCall {
  runId: string;
  nodeId: string;
  connectionId?: string;
  input: Record<string, unknown>;
}

export type ActionImplementation = (call: ActionCall) => Promise<unknown>;
export type ActionImplementations = Record<string, ActionImplementation>;
