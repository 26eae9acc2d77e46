/**
 * Many small writes in few round trips through Graph JSON batching: 20 requests per `$batch`.
 * Each sub-request has its own status, and Graph throttles them one by one: a 429/503/504 answer
 * inside the batch is re-sent after its Retry-After (the longest among them), and only the
 * throttled ones, since the others are done. Answers come in any order and are matched by id.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { graphCall, throttledFailure, type EntraTarget } from './call.ts';
import { isThrottled, retryAfterSeconds, type Operation } from './failures.ts';

export interface BatchStep {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the version root, e.g. `/groups/{id}/members/$ref`. */
  url: string;
  body?: unknown;
}

const answer = z.object({
  id: z.string(),
  status: z.number(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
});
export type BatchAnswer = z.infer<typeof answer>;
const batchAnswer = z.object({ responses: z.array(answer) });

const maxPerBatch = 20;
const maxRounds = 6;

function header(a: BatchAnswer, name: string): string | undefined {
  return Object.entries(a.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
}

/** Graph's error inside a sub-response: `{ error: { code, message } }`. */
export function batchError(a: BatchAnswer): { code: string; message: string } {
  const parsed = z.object({ error: z.object({ code: z.string().default(''), message: z.string().default('') }) }).safeParse(a.body);
  return parsed.success ? parsed.data.error : { code: '', message: JSON.stringify(a.body ?? null).slice(0, 300) };
}

/** Runs every step; returns each step's final answer (never a throttled one) by step id. */
export async function runBatch(target: EntraTarget, op: Operation, steps: readonly BatchStep[]): Promise<Map<string, BatchAnswer>> {
  const done = new Map<string, BatchAnswer>();
  let pending = [...steps];
  for (let round = 1; pending.length > 0; round++) {
    const throttled: { step: BatchStep; seconds: number; status: number }[] = [];
    for (let i = 0; i < pending.length; i += maxPerBatch) {
      const chunk = pending.slice(i, i + maxPerBatch);
      const requests = chunk.map((s) => ({
        id: s.id,
        method: s.method,
        url: s.url,
        ...(s.body === undefined ? {} : { body: s.body, headers: { 'Content-Type': 'application/json' } }),
      }));
      const body = batchAnswer.parse(await graphCall(target, op, (g) => g.api('/$batch').post({ requests })));
      for (const step of chunk) {
        const a = body.responses.find((r) => r.id === step.id);
        // A request Graph left unanswered is sent again, like a throttled one.
        if (!a) throttled.push({ step, seconds: 1, status: 503 });
        else if (isThrottled(a.status)) throttled.push({ step, seconds: retryAfterSeconds(header(a, 'retry-after')) ?? 2, status: a.status });
        else done.set(step.id, a);
      }
    }
    if (throttled.length === 0) break;
    const seconds = Math.max(...throttled.map((t) => t.seconds));
    const status = throttled[0]?.status ?? 429;
    const detail = ` for ${throttled.length} of ${steps.length} requests (the others are done)`;
    if (seconds > target.connection.config.maxRetryAfterWaitSeconds || round >= maxRounds) throw throttledFailure(op, status, seconds, detail);
    await sleep(seconds * 1000);
    pending = throttled.map((t) => t.step);
  }
  return done;
}
