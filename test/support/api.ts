/** Typed reads of API answers in tests: parse what a test relies on instead of casting. */
import { z } from 'zod';

export const startedRuns = z.object({ runs: z.array(z.object({ id: z.string(), workflowId: z.string(), employeeId: z.string(), revision: z.number() })) });

export const runView = z.object({
  workflowStatus: z.string(),
  outcome: z.string(),
  nodes: z.record(z.string(), z.object({ status: z.string(), handle: z.string().optional(), waitingUntil: z.string().optional(), waitingFor: z.array(z.string()).optional(), startedAt: z.string().optional(), endedAt: z.string().optional(), error: z.string().optional(), awaitingOperator: z.boolean().optional(), visits: z.number().optional() })),
  trace: z.array(z.object({ nodeId: z.string(), handle: z.string().optional() }).loose()),
  vars: z.record(z.string(), z.unknown()),
  openApprovals: z.array(z.object({ nodeId: z.string(), approvers: z.array(z.string()) })),
  error: z.string().optional(),
});
export type RunView = z.infer<typeof runView>;

export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() }).loose()).optional() }) });
