/**
 * Wraps every activity attempt: times it and counts its failures by connector, action and failure
 * type (Prometheus), and gives its log lines — the activity's own `Context.log` and the line this
 * writes when an attempt fails — the run's correlation fields. It never changes what the activity
 * does or returns, and never logs the activity's input (it holds personal data).
 */
import type { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { z } from 'zod';
import type { Logger } from './logger.ts';
import { activityDuration, activityErrors, connectorOf } from './metrics.ts';

/** What an action call carries besides its input (activities/types.ts ActionCall); other activities have none. */
const callShape = z.object({ runId: z.string(), nodeId: z.string(), connectionId: z.string().optional() });

function failureType(error: unknown): string {
  if (error instanceof ApplicationFailure) return error.type ?? 'ApplicationFailure';
  return error instanceof Error ? error.name : 'Unknown';
}

function correlation(ctx: Context, args: readonly unknown[]): Record<string, string | number> {
  const call = callShape.safeParse(args[0]);
  const workflowId = ctx.info.workflowExecution?.workflowId;
  return {
    ...(workflowId !== undefined ? { workflowId } : {}),
    action: ctx.info.activityType,
    attempt: ctx.info.attempt,
    ...(call.success ? { runId: call.data.runId, nodeId: call.data.nodeId, ...(call.data.connectionId !== undefined ? { connectionId: call.data.connectionId } : {}) } : {}),
  };
}

export function observeActivities(logger: Logger): ActivityInterceptorsFactory {
  return (ctx) => {
    let fields = correlation(ctx, []);
    return {
      inbound: {
        async execute(input, next) {
          fields = correlation(ctx, input.args);
          const labels = { connector: connectorOf(ctx.info.activityType), action: ctx.info.activityType };
          const stop = activityDuration.startTimer(labels);
          try {
            return await next(input);
          } catch (error) {
            const type = failureType(error);
            activityErrors.inc({ ...labels, type });
            logger.warn({ ...fields, errorType: type, error: error instanceof Error ? error.message : String(error) }, `activity ${ctx.info.activityType} failed (attempt ${ctx.info.attempt})`);
            throw error;
          } finally {
            stop();
          }
        },
      },
      outbound: {
        getLogAttributes: (input, next) => next({ ...input, ...fields }),
      },
    };
  };
}
