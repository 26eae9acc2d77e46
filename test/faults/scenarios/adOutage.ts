/**
 * Active Directory unreachable for a minute in the middle of a batch: once a share of the batch has
 * its AD account, the TCP proxy Tenure reaches Samba through is cut (connections refused, those
 * open dropped) for 60 s, then restored. Steps against AD fail meanwhile and must be retried until
 * the directory is back, then every hire completes, with one account each.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { AndFilter, EqualityFilter, SubstringFilter } from 'ldapts';
import { eventually } from '../../support/eventually.ts';
import { batch, hired } from '../batch.ts';
import { Ledger, postBulk } from '../intake.ts';
import type { ScenarioContext, ScenarioOutcome } from '../scenario.ts';
import { settle } from '../verify.ts';

const outageSeconds = 60;

export async function adOutage(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const { stack, log } = ctx;
  const people = batch('A', ctx.hires);
  const ledger = new Ledger();
  await postBulk(
    stack.apis.map((a) => a.call),
    people,
    ledger,
  );
  // Mid-batch: a tenth of the accounts exist, most are still to come.
  const filter = new AndFilter({ filters: [new EqualityFilter({ attribute: 'objectClass', value: 'user' }), new SubstringFilter({ attribute: 'employeeID', initial: 'A' })] });
  const started = Math.max(1, Math.floor(people.length / 10));
  await eventually(async () => ((await stack.look.search(stack.targets.dc.baseDn, filter, ['employeeID'])).length >= started ? true : undefined), `${started} AD accounts`, ctx.settleMs, 1000);
  log(`cutting AD off for ${outageSeconds} s`);
  await stack.adProxy.cut();
  try {
    await sleep(outageSeconds * 1000);
  } finally {
    await stack.adProxy.restore();
  }
  ctx.tally.adOutageSeconds += outageSeconds;
  log('AD is reachable again');
  ctx.tally.resent += ledger.resent;
  return { findings: await settle(stack, 'A', hired(people), ledger, ctx.settleMs, log), problems: [] };
}
