/**
 * Settings of the workflow thread's sandbox, made once before any workflow runs: the worker preloads
 * this module (server/temporal/worker.ts), and the sandbox's built-ins are frozen right after.
 *
 * The Temporal SDK notes where every promise of workflow code was created, for its stack-trace
 * query, by capturing an Error's stack (each frame source-mapped) whenever a promise is made. At
 * V8's default of ten frames that was the workflow thread's largest single cost in a CPU profile of
 * 100 bulk hires: 29 % of its busy time. Four frames still show which step of which workflow waits
 * (the query's purpose) and where a workflow error came from; failures carry their own messages.
 */
Error.stackTraceLimit = 4;

export const workflowStackFrames = Error.stackTraceLimit;
