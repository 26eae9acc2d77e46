/**
 * HR input that races itself, across the two API processes, in four groups of one batch:
 * - the same SCIM bulk batch posted twice at once (once to each API process): one hire each;
 * - updates out of order: once hired, a newer update and then an older one arrive (both dated
 *   after the hire): the newer title stays, in every target;
 * - a terminate racing a hire: both sent at the same moment to different API processes, the
 *   terminate dated after the hire: the person ends with no enabled account anywhere;
 * - the same event (same event id) sent to both API processes at once: one hire each.
 * Final states must equal what the latest HR record of each person implies.
 */
import { displayNameOf, type BenchPerson } from '../../../bench/people.ts';
import { batch, hired } from '../batch.ts';
import { Ledger, postBulk, postEvent, type HrEventInput } from '../intake.ts';
import type { ScenarioContext, ScenarioOutcome } from '../scenario.ts';
import { settle, type Expected } from '../verify.ts';

const secondsAgo = (s: number) => new Date(Date.now() - s * 1000).toISOString();

function hireOf(p: BenchPerson, effectiveAt?: string): HrEventInput {
  const { employeeId, ...attributes } = p;
  return { eventId: `hire-${employeeId}`, type: 'hire', employeeId, ...(effectiveAt !== undefined ? { effectiveAt } : {}), attributes: { employeeId, ...attributes } };
}

/** Runs `f` on every item, `width` at a time. */
async function each<T>(items: readonly T[], width: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const item = items[i];
      if (item !== undefined) await f(item);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}

export async function hrRaces(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const { stack, log } = ctx;
  const [a, b] = [stack.apis[0].call, stack.apis[1].call];
  const people = batch('R', ctx.hires);
  const quarter = Math.floor(people.length / 4);
  const twice = people.slice(0, quarter);
  const reordered = people.slice(quarter, 2 * quarter);
  const raced = people.slice(2 * quarter, 3 * quarter);
  const sameId = people.slice(3 * quarter);
  const ledger = new Ledger();

  await Promise.all([
    postBulk([a], twice, ledger),
    postBulk([b], twice, ledger),
    postBulk([a, b], reordered, ledger),
    each(raced, 4, async (p) => {
      await Promise.all([postEvent(a, hireOf(p, secondsAgo(60)), ledger), postEvent(b, { eventId: `terminate-${p.employeeId}`, type: 'terminate', employeeId: p.employeeId, effectiveAt: secondsAgo(30), attributes: {} }, ledger)]);
    }),
    each(sameId, 4, async (p) => {
      await Promise.all([postEvent(a, hireOf(p), ledger), postEvent(b, hireOf(p), ledger)]);
    }),
  ]);
  log(`posted: ${twice.length} hires twice at once, ${reordered.length} hires, ${raced.length} hires each racing a terminate, ${sameId.length} hires sent to both API processes`);

  // The reordered group, once hired: the newer update first, then the older one.
  const hiredFirst = await settle(stack, 'R', hired(reordered), ledger, ctx.settleMs, (line) => log(`reordered group: ${line}`));
  if (hiredFirst.matching < reordered.length) log(`only ${hiredFirst.matching} of the reordered group were hired; their updates go out all the same`);
  const newer = secondsAgo(5);
  const older = secondsAgo(15);
  await each(reordered, 4, async (p) => {
    await postEvent(b, { eventId: `update-newer-${p.employeeId}`, type: 'update', employeeId: p.employeeId, effectiveAt: newer, attributes: { title: 'Principal Engineer' } }, ledger);
    await postEvent(a, { eventId: `update-older-${p.employeeId}`, type: 'update', employeeId: p.employeeId, effectiveAt: older, attributes: { title: 'Junior Engineer' } }, ledger);
  });
  log(`posted ${reordered.length} pairs of updates, the newer first`);

  const expected: Expected[] = [
    ...hired(twice),
    ...hired(reordered).map((e) => ({ ...e, title: 'Principal Engineer' })),
    ...raced.map((p): Expected => ({ employeeId: p.employeeId, displayName: displayNameOf(p), accounts: 'off' })),
    ...hired(sameId),
  ];
  ctx.tally.resent += ledger.resent;
  const findings = await settle(stack, 'R', expected, ledger, ctx.settleMs, log);
  // Both API processes stored the event sent to both: the person saw it twice and applied it once.
  const stored = await stack.db.query<{ n: number }>("SELECT count(*)::int AS n FROM hr_outbox WHERE source = 'hr' AND employee_id = ANY($1::text[]) AND event->>'eventId' LIKE 'hire-%'", [sameId.map((p) => p.employeeId)]);
  log(`the hires sent to both API processes were stored ${stored.rows[0]?.n ?? 0} times for ${sameId.length} people`);
  return { findings, problems: [] };
}
