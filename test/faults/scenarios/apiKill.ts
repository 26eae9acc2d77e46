/**
 * An API process killed between its 202s and the delivery of what it accepted: the whole batch
 * goes to the API process that drains the HR outbox (the holder of its lease), and the moment the
 * last request is answered, that process is killed with kill -9. The records it accepted and had
 * not delivered yet wait in the outbox (counted at the kill); the other API process takes the lease
 * over when it expires, the killed one is started again, and nothing accepted may be lost.
 */
import { z } from 'zod';
import { batch, hired } from '../batch.ts';
import { Ledger, postBulk } from '../intake.ts';
import type { ScenarioContext, ScenarioOutcome } from '../scenario.ts';
import { settle } from '../verify.ts';

const leaseRow = z.object({ holder: z.string() });

export async function apiKill(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const { stack, tally, log } = ctx;
  const people = batch('P', ctx.hires);
  const ledger = new Ledger();
  // The holder is "host:pid:uuid" (server/db/outboxLease.ts).
  const lease = leaseRow.parse((await stack.db.query("SELECT holder FROM hr_outbox_lease WHERE name = 'dispatcher'")).rows[0]);
  const pid = Number(lease.holder.split(':').at(-2));
  const victim = stack.apis.find((a) => a.current().pid === pid);
  if (!victim) throw new Error(`no API process of the suite holds the HR outbox lease (${lease.holder})`);

  await postBulk([victim.call], people, ledger, 4);
  await victim.kill();
  tally.apiKills++;
  const undelivered = z.number().parse((await stack.db.query<{ n: number }>("SELECT count(*)::int AS n FROM hr_outbox WHERE employee_id LIKE 'P%' AND delivered_at IS NULL AND refused_at IS NULL")).rows[0]?.n);
  tally.undeliveredAtApiKill += undelivered;
  log(`killed the API process draining the outbox (pid ${pid}) after ${ledger.count()} records were accepted; ${undelivered} were not delivered yet`);
  await victim.start();
  log('the killed API process is running again');
  ctx.tally.resent += ledger.resent;
  const findings = await settle(stack, 'P', hired(people), ledger, ctx.settleMs, log);
  return { findings, problems: undelivered === 0 ? ['every accepted record was delivered before the kill: nothing was at stake; send a larger batch'] : [] };
}
