/**
 * kill -9 of worker processes, again and again, while a batch of hires is provisioned. The batch
 * goes out in slices, one before each kill, so that every kill lands while work is in hand. Two
 * worker processes run, so one usually works while the other starts again (a start bundles the
 * workflow code, which takes a while); a kill takes a worker that has been polling for a few
 * seconds. Every hire must complete with exactly one account in each target: steps whose worker
 * died are tried again after their timeout, and each must find what the dead attempt already did.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RoleProcess } from '../../scale/processes.ts';
import { batch, hired } from '../batch.ts';
import { Ledger, postBulk } from '../intake.ts';
import { between, type ScenarioContext, type ScenarioOutcome } from '../scenario.ts';
import { settle } from '../verify.ts';

export async function workerKills(ctx: ScenarioContext, kills: number): Promise<ScenarioOutcome> {
  const { stack, tally, log } = ctx;
  const people = batch('K', ctx.hires);
  const ledger = new Ledger();
  const apis = stack.apis.map((a) => a.call);
  /** Workers polling, and since when. */
  const ready = new Map<RoleProcess, number>();
  const starting: Promise<void>[] = [];
  let pending = 0;
  const replace = () => {
    pending++;
    starting.push(
      stack.workers
        .start()
        .then(
          (w) => void ready.set(w, Date.now()),
          (error: unknown) => log(`a worker did not start: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => pending--),
    );
  };
  while (stack.workers.live().length < 2) await stack.workers.start();
  for (const w of stack.workers.live()) ready.set(w, Date.now());

  for (let k = 0; k < kills; k++) {
    const slice = people.slice(Math.floor((k * people.length) / kills), Math.floor(((k + 1) * people.length) / kills));
    await postBulk(apis, slice, ledger);
    const dwell = between(2000, 6000);
    let victim: RoleProcess | undefined;
    while (victim === undefined) {
      victim = [...ready].filter(([, since]) => Date.now() - since >= dwell).sort((a, b) => a[1] - b[1])[0]?.[0];
      // A replacement that failed to start leaves nobody to kill: start another.
      if (ready.size === 0 && pending === 0) replace();
      if (victim === undefined) await sleep(200);
    }
    ready.delete(victim);
    await stack.workers.kill(victim);
    tally.workerKills++;
    log(`kill ${k + 1}/${kills}: worker ${victim.pid} (${ledger.count()} hires accepted so far)`);
    replace();
  }
  await Promise.all(starting);
  if (stack.workers.live().length === 0) await stack.workers.start();
  tally.resent += ledger.resent;
  const findings = await settle(stack, 'K', hired(people), ledger, ctx.settleMs, log);
  return { findings, problems: ledger.count() === people.length ? [] : [`${people.length - ledger.count()} hires were not accepted`] };
}
