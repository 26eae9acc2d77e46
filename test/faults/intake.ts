/**
 * HR input for the fault scenarios, sent as HR systems send it (SCIM bulk requests of 50, single
 * events), with a ledger of every event Tenure answered 202 for: the events it promised not to lose.
 * A request that gets no answer (its API process was killed, Tenure was not ready) is sent again, as
 * an HR system would; Tenure's answer to the repeat decides what was accepted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { maxOperations } from '../../server/hr/scimBulk.ts';
import { bulkRequest, scimWorker, type BenchPerson } from '../../bench/people.ts';
import type { HttpApi } from '../support/httpApi.ts';

/** Event ids answered 202, per employee id. */
export class Ledger {
  readonly accepted = new Map<string, Set<string>>();
  /** Requests sent again after a refusal to wait (429, 503) or no answer at all. */
  resent = 0;

  record(employeeId: string, eventId: string): void {
    const ids = this.accepted.get(employeeId) ?? new Set<string>();
    this.accepted.set(employeeId, ids);
    ids.add(eventId);
  }

  count(): number {
    let n = 0;
    for (const ids of this.accepted.values()) n += ids.size;
    return n;
  }
}

const bulkAnswer = z.looseObject({ Operations: z.array(z.looseObject({ status: z.string(), employeeId: z.string().optional(), eventId: z.string().optional() })) });

/** Sends until Tenure answers something other than 429 or 503; no answer at all counts as "send again". */
async function sendUntilAnswered(ledger: Ledger, send: () => Promise<{ status: number; body: unknown }>, what: string, timeoutMs = 300_000): Promise<{ status: number; body: unknown }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await send().catch((error: unknown) => ({ status: 0, body: error instanceof Error ? error.message : String(error) }));
    if (answer.status !== 0 && answer.status !== 429 && answer.status !== 503) return answer;
    if (Date.now() > deadline) throw new Error(`${what}: no answer within ${timeoutMs / 1000} s (last: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)})`);
    ledger.resent++;
    await sleep(1000);
  }
}

/** Sends people in SCIM bulk requests of 50, `senders` at a time, each through the next of `apis` in turn. */
export async function postBulk(apis: readonly HttpApi[], people: readonly BenchPerson[], ledger: Ledger, senders = 2): Promise<void> {
  const chunks: BenchPerson[][] = [];
  for (let i = 0; i < people.length; i += maxOperations) chunks.push(people.slice(i, i + maxOperations));
  let next = 0;
  const sender = async () => {
    for (let i = next++; i < chunks.length; i = next++) {
      const chunk = chunks[i] ?? [];
      const api = apis[i % apis.length];
      if (!api) throw new Error('no API to send to');
      const body = bulkRequest(chunk.map(scimWorker));
      const answer = await sendUntilAnswered(ledger, () => api('POST', '/api/inbound/scim/bulkUpload', body, { 'content-type': 'application/scim+json' }), `bulk request ${i}`);
      if (answer.status !== 202) throw new Error(`bulk request ${i} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
      for (const op of bulkAnswer.parse(answer.body).Operations) if (op.status === '202' && op.employeeId !== undefined && op.eventId !== undefined) ledger.record(op.employeeId, op.eventId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(senders, chunks.length) }, sender));
}

export interface HrEventInput {
  eventId: string;
  type: 'hire' | 'update' | 'terminate' | 'rehire' | 'cancel';
  employeeId: string;
  effectiveAt?: string;
  attributes: Record<string, unknown>;
}

/** Posts one HR event (POST /api/hr/events) until it is answered; records it when accepted. */
export async function postEvent(api: HttpApi, event: HrEventInput, ledger: Ledger): Promise<void> {
  const answer = await sendUntilAnswered(ledger, () => api('POST', '/api/hr/events', event), `event ${event.eventId}`);
  if (answer.status !== 202) throw new Error(`event ${event.eventId} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
  ledger.record(event.employeeId, event.eventId);
}
