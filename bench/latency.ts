/**
 * Latency: K hires, one at a time, each through POST /api/hr/events with a hire date of today (so
 * the Joiner's wait for the first day is already over). Each is timed from the 202 to the moment
 * the targets show the account existing and enabled, read every 50 ms.
 */
import { accountTargets, perTarget as eachTarget, targetNames, TargetWatcher, type TargetName } from './targets.ts';
import { benchPerson, dateFromToday, hireEvent } from './people.ts';
import type { BenchStack } from './stack.ts';
import { distribution, type Distribution } from './stats.ts';

export interface LatencyResult {
  hires: number;
  /** Hires whose accounts did not all appear within the timeout. */
  unfinished: number;
  /** 202 → the target shows the account (mail: the welcome received; hr: the write-back received). */
  perTarget: Record<TargetName, Distribution>;
  /** 202 → every account (AD, Entra ID, app) existing and enabled. */
  accounts: Distribution;
  /** 202 → everything, mail and write-back included. */
  complete: Distribution;
  /** How long the 202 took. */
  accept: Distribution;
}

export async function runLatency(stack: BenchStack, k: number, timeoutMs: number, progress: (line: string) => void): Promise<LatencyResult> {
  const perTarget = eachTarget((): number[] => []);
  const accounts: number[] = [];
  const complete: number[] = [];
  const accept: number[] = [];
  let unfinished = 0;
  const today = dateFromToday(0);
  for (let i = 0; i < k; i++) {
    const person = benchPerson('L', i, today);
    const watcher = new TargetWatcher(stack, 'L', [person]);
    const sent = Date.now();
    const res = await stack.tenure.api('POST', '/api/hr/events', hireEvent(person));
    const accepted = Date.now();
    if (res.status !== 202) throw new Error(`hire ${person.employeeId}: ${res.status} ${JSON.stringify(res.body)}`);
    accept.push(accepted - sent);
    const finished = await watcher.watch(50, timeoutMs);
    const seen = watcher.seen.get(person.employeeId) ?? {};
    for (const t of targetNames) {
      const at = seen[t];
      if (at !== undefined) perTarget[t].push(at - accepted);
    }
    const accountTimes = accountTargets.map((t) => seen[t]);
    if (accountTimes.every((t) => t !== undefined)) accounts.push(Math.max(...accountTimes) - accepted);
    if (finished) complete.push(Math.max(...targetNames.map((t) => seen[t] ?? accepted)) - accepted);
    else unfinished++;
    progress(`latency ${i + 1}/${k}: ${finished ? `${((Math.max(...targetNames.map((t) => seen[t] ?? accepted)) - accepted) / 1000).toFixed(2)} s` : 'unfinished'}`);
  }
  return {
    hires: k,
    unfinished,
    perTarget: eachTarget((t) => distribution(perTarget[t])),
    accounts: distribution(accounts),
    complete: distribution(complete),
    accept: distribution(accept),
  };
}
