/**
 * Latency: K hires, one at a time, each through POST /api/hr/events with a hire date of today (so
 * the Joiner's wait for the first day is already over). Each is timed from the 202 to the moment
 * the targets show the account existing and enabled, read every 50 ms.
 */
import { accountTargets, byTarget, targetNames, TargetWatcher, type TargetName } from './targets.ts';
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
  /** Graph requests per hire, by request (ids replaced by :id), as the Graph peer logged them. */
  graphRequests: { perHire: number; byRequest: Record<string, number> };
  employeeIds: string[];
}

/** A Graph request without its ids and names, so requests of one kind count together. */
function requestKind(method: string, path: string): string {
  const bare = path.split('?')[0] ?? path;
  return `${method} ${bare.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27,}/gi, '/:id').replace(/\/[^/]+@[^/]+/g, '/:upn')}`;
}

export async function runLatency(stack: BenchStack, k: number, timeoutMs: number, progress: (line: string) => void): Promise<LatencyResult> {
  const times = byTarget((): number[] => []);
  const accounts: number[] = [];
  const complete: number[] = [];
  const accept: number[] = [];
  let unfinished = 0;
  const today = dateFromToday(0);
  const graphBefore = stack.graph.requests.length;
  const employeeIds: string[] = [];
  for (let i = 0; i < k; i++) {
    const person = benchPerson('L', i, today);
    employeeIds.push(person.employeeId);
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
      if (at !== undefined) times[t].push(at - accepted);
    }
    const accountTimes = accountTargets.map((t) => seen[t]);
    if (accountTimes.every((t) => t !== undefined)) accounts.push(Math.max(...accountTimes) - accepted);
    const last = Math.max(...targetNames.map((t) => seen[t] ?? accepted)) - accepted;
    if (finished) complete.push(last);
    else unfinished++;
    progress(`latency ${i + 1}/${k}: ${finished ? `${(last / 1000).toFixed(2)} s` : 'unfinished'}`);
  }
  const byRequest = new Map<string, number>();
  for (const r of stack.graph.requests.slice(graphBefore)) {
    const kind = requestKind(r.method, r.path);
    byRequest.set(kind, (byRequest.get(kind) ?? 0) + 1);
  }
  return {
    hires: k,
    unfinished,
    perTarget: byTarget((t) => distribution(times[t])),
    accounts: distribution(accounts),
    complete: distribution(complete),
    accept: distribution(accept),
    graphRequests: {
      perHire: (stack.graph.requests.length - graphBefore) / k,
      byRequest: Object.fromEntries([...byRequest].sort((a, b) => b[1] - a[1]).map(([r, n]) => [r, n / k])),
    },
    employeeIds,
  };
}
