/**
 * Sends people through the SCIM bulk endpoint as Entra's API-driven inbound provisioning does: 50
 * per request, by S senders that each send their next request the moment the previous one is
 * answered (as fast as Tenure accepts). A 429 or 503 is waited out and sent again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { maxOperations } from '../server/hr/scimBulk.ts';
import { bulkRequest, scimWorker, type BenchPerson } from './people.ts';
import type { BenchStack } from './stack.ts';

export interface SendReport {
  requests: number;
  /** Operations answered 202 (an event for the person). */
  accepted: number;
  /** Operations answered otherwise (unchanged, invalid), and those of requests refused. */
  notAccepted: number;
  retried: number;
  /** Each request's time to its answer, in ms. */
  latencies: number[];
  /** When the first request went out and the last 202 came back (ms since the epoch). */
  firstSent: number;
  lastAccepted: number;
  /** The first refusal, to show. */
  refusal: string | undefined;
}

const bulkAnswer = z.looseObject({ Operations: z.array(z.looseObject({ status: z.string() })).optional() });

export async function sendBulk(stack: BenchStack, people: readonly BenchPerson[], senders: number, progress: (line: string) => void, what: string): Promise<SendReport> {
  const chunks: BenchPerson[][] = [];
  for (let i = 0; i < people.length; i += maxOperations) chunks.push(people.slice(i, i + maxOperations));
  const report: SendReport = { requests: chunks.length, accepted: 0, notAccepted: 0, retried: 0, latencies: [], firstSent: Date.now(), lastAccepted: Date.now(), refusal: undefined };
  const tenth = Math.max(1, Math.floor(chunks.length / 10));
  let next = 0;
  let answered = 0;
  const sender = async () => {
    for (let i = next++; i < chunks.length; i = next++) {
      const chunk = chunks[i] ?? [];
      const body = bulkRequest(chunk.map(scimWorker));
      for (;;) {
        const sent = Date.now();
        const res = await stack.tenure.api('POST', '/api/inbound/scim/bulkUpload', body, { 'content-type': 'application/scim+json' });
        report.latencies.push(Date.now() - sent);
        if (res.status === 429 || res.status === 503) {
          report.retried++;
          await sleep(1000);
          continue;
        }
        if (res.status !== 202) {
          report.notAccepted += chunk.length;
          report.refusal ??= `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
          break;
        }
        report.lastAccepted = Date.now();
        const ops = bulkAnswer.parse(res.body).Operations ?? chunk.map(() => ({ status: '202' }));
        const ok = ops.filter((o) => o.status === '202').length;
        report.accepted += ok;
        report.notAccepted += chunk.length - ok;
        break;
      }
      answered++;
      if (answered % tenth === 0) progress(`${what}: ${answered}/${chunks.length} requests answered, ${report.accepted} operations accepted`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(senders, chunks.length) }, sender));
  return report;
}
