/**
 * Bulk: N hires (hire date today, so the Joiner's wait for the first day is over) through the SCIM
 * bulk endpoint (bulkSender.ts). The targets are read every second, while the requests go out and
 * after, until every person's accounts, welcome mail and write-back are there.
 */
import { sendBulk } from './bulkSender.ts';
import { accountTargets, TargetWatcher, targetNames, type TargetName } from './targets.ts';
import { benchPerson, dateFromToday, type BenchPerson } from './people.ts';
import type { BenchStack } from './stack.ts';
import { distribution, type Distribution } from './stats.ts';

export interface BulkResult {
  hires: number;
  requests: number;
  senders: number;
  /** Operations answered 202 (an event for the person). */
  accepted: number;
  notAccepted: number;
  refusal: string | undefined;
  retried: number;
  /** First request → last 202. */
  acceptSeconds: number;
  acceptPerSecond: number;
  requestLatency: Distribution;
  finished: boolean;
  /** People with every account, the welcome mail and the write-back. */
  completed: number;
  /** First request → the last account (AD, Entra ID, app) seen enabled. */
  lastAccountSeconds: number | null;
  /** First request → the last person complete. */
  completeSeconds: number | null;
  hiresPerSecond: number | null;
  /** Seconds since the first request at which each person was complete, in order (for the chart). */
  completions: number[];
}

export async function runBulk(stack: BenchStack, n: number, senders: number, timeoutMs: number, progress: (line: string) => void): Promise<BulkResult & { people: BenchPerson[] }> {
  const today = dateFromToday(0);
  const people = Array.from({ length: n }, (_, i) => benchPerson('B', i, today));
  const watcher = new TargetWatcher(stack, 'B', people);
  const started = Date.now();

  // The targets are read while the requests go out: the first accounts appear before the last 202.
  let sending = true;
  let abandoned = false;
  const watching = watcher.watch(1000, timeoutMs, () => abandoned || (!sending && watcher.allDone()));
  // The await below reports a failure; this branch only keeps one during the sending from counting as unhandled.
  void watching.catch(() => undefined);
  const reporter = setInterval(() => progress(`bulk: ${watcher.doneCount(accountTargets)} with accounts, ${watcher.doneCount()} complete of ${n}`), 10_000);
  try {
    const sent = await sendBulk(stack, people, senders, progress, 'bulk');
    sending = false;
    const finished = await watching;
    const acceptSeconds = (sent.lastAccepted - started) / 1000;
    const finishTimes = (targets: readonly TargetName[]) =>
      [...watcher.seen.values()]
        .map((s) => targets.map((t) => s[t]))
        .filter((ts): ts is number[] => ts.every((t) => t !== undefined))
        .map((ts) => (Math.max(...ts) - started) / 1000)
        .sort((a, b) => a - b);
    const completions = finishTimes(targetNames);
    const accounts = finishTimes(accountTargets);
    const completeSeconds = completions.at(-1) ?? null;
    return {
      hires: n,
      requests: sent.requests,
      senders,
      accepted: sent.accepted,
      notAccepted: sent.notAccepted,
      refusal: sent.refusal,
      retried: sent.retried,
      acceptSeconds,
      acceptPerSecond: acceptSeconds > 0 ? sent.accepted / acceptSeconds : sent.accepted,
      requestLatency: distribution(sent.latencies),
      finished,
      completed: completions.length,
      lastAccountSeconds: accounts.at(-1) ?? null,
      completeSeconds,
      hiresPerSecond: completeSeconds === null || completeSeconds === 0 ? null : completions.length / completeSeconds,
      completions,
      people,
    };
  } finally {
    abandoned = true;
    clearInterval(reporter);
  }
}
