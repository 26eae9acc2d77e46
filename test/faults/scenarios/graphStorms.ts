/**
 * The Graph peer throttling in storms while a batch is provisioned: for a while every Graph request
 * is answered 429 with a Retry-After, three times, with short and long waits asked (a long one is
 * beyond what a step waits out itself, so the step hands the wait to Temporal's retry). Honoured
 * means no request is sent again before the Retry-After it was given has passed, read from the
 * peer's own log of arrivals; and every hire completes.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoggedRequest } from '../../peers/graph/server.ts';
import { eventually } from '../../support/eventually.ts';
import { batch, hired } from '../batch.ts';
import { Ledger, postBulk } from '../intake.ts';
import type { ScenarioContext, ScenarioOutcome } from '../scenario.ts';
import { settle } from '../verify.ts';

/** Each storm: how long every request is throttled, and the Retry-After it is given; then a calm. */
const storms = [
  { seconds: 12, retryAfter: 2, calm: 8 },
  { seconds: 6, retryAfter: 15, calm: 8 },
  { seconds: 12, retryAfter: 3, calm: 0 },
];

/** Timer and clock granularity: a wait of S seconds may end a few milliseconds short of S by the clock. */
const toleranceMs = 20;

/** The key of a request without a body (the peer logs a digest of the body it got). */
const noBody = createHash('sha256').update('').digest('hex').slice(0, 16);

/**
 * Requests sent again after a 429 (`retries`), and those sent before their Retry-After had passed
 * (`early`, as "what: early by ms"). A request is
 * "sent again" when the same request (method, URL, body) comes back; that is only one person's
 * step trying again when the request is that person's own: it carries a body (theirs), or names
 * one of `own` (the batch's employee ids, object ids and user principal names). A look-up many
 * people's steps make alike (the helpdesk mailbox, say) is left out: one person's first try
 * cannot be told from another's retry.
 */
export function retriesAfterThrottling(requests: readonly LoggedRequest[], own: readonly string[]): { retries: number; early: string[] } {
  const names = own.flatMap((n) => [n, encodeURIComponent(n)]);
  const personal = (r: LoggedRequest) => !r.key.endsWith(` ${noBody}`) || names.some((n) => r.key.includes(n));
  const lastThrottled = new Map<string, LoggedRequest>();
  const early: string[] = [];
  let retries = 0;
  for (const r of requests) {
    if (r.inBatch || !personal(r)) continue;
    const before = lastThrottled.get(r.key);
    if (before?.retryAfterSeconds !== undefined) {
      retries++;
      const due = before.at + before.retryAfterSeconds * 1000;
      if (r.at < due - toleranceMs) early.push(`${r.method} ${r.path}: ${due - r.at} ms early`);
    }
    if (r.status === 429) lastThrottled.set(r.key, r);
    else lastThrottled.delete(r.key);
  }
  return { retries, early };
}

export async function graphStorms(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const { stack, log } = ctx;
  const { graph } = stack.targets;
  const people = batch('G', ctx.hires);
  const ledger = new Ledger();
  const firstRequest = graph.requests.length;
  await postBulk(
    stack.apis.map((a) => a.call),
    people,
    ledger,
  );
  // Mid-batch: a tenth of the Entra ID users exist.
  const started = Math.max(1, Math.floor(people.length / 10));
  await eventually(async () => Promise.resolve(graph.activeUsers().filter((u) => String(u.props.employeeId).startsWith('G')).length >= started ? true : undefined), `${started} Entra ID users`, ctx.settleMs, 1000);
  for (const s of storms) {
    log(`Graph storm: every request answered 429 with Retry-After ${s.retryAfter} s, for ${s.seconds} s`);
    graph.storm(s.seconds * 1000, s.retryAfter);
    await sleep((s.seconds + s.calm) * 1000);
  }
  ctx.tally.resent += ledger.resent;
  const findings = await settle(stack, 'G', hired(people), ledger, ctx.settleMs, log);
  const requests = graph.requests.slice(firstRequest);
  ctx.tally.graph429s += requests.filter((r) => r.status === 429).length;
  const own = [...graph.tenant.users.values()].filter((u) => String(u.props.employeeId).startsWith('G')).flatMap((u) => [u.id, String(u.props.employeeId), String(u.props.userPrincipalName)]);
  const { retries, early } = retriesAfterThrottling(requests, own);
  ctx.tally.throttledRetries += retries;
  ctx.tally.retryAfterIgnored += early.length;
  const missed = retries === 0 ? ['no request of the batch was sent again after a 429: the storms missed the batch'] : [];
  return { findings, problems: [...missed, ...early.slice(0, 20).map((e) => `Retry-After not honoured: ${e}`)] };
}
