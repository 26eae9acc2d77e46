/**
 * How every fault scenario ends: each target's actual state read from the target itself (AD over
 * LDAP, the Graph peer's users, scim2-server's users, the mail and write-back the peers received)
 * and compared with what the latest HR record implies, person by person; and every event Tenure
 * answered 202 for looked up among the events the person applied (the people table the person
 * workflow records). Nothing here asks Tenure what it did.
 */
import { AndFilter, EqualityFilter, SubstringFilter } from 'ldapts';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { attr } from '../support/directory.ts';
import { isDisabled } from '../support/e2eStack.ts';
import type { Ledger } from './intake.ts';
import type { FaultStack } from './stack.ts';

export interface Expected {
  employeeId: string;
  /** The display name the welcome mail names. */
  displayName: string;
  /**
   * `enabled`: one account in AD, Entra ID and the app, each enabled, and the welcome mail and HR
   * write-back sent; `off`: no enabled account anywhere (a leaver disabled or deleted them, or the
   * hire was stopped before it made them).
   */
  accounts: 'enabled' | 'off';
  /** The title every account holds (AD title, Entra ID jobTitle, the app's title), when it matters. */
  title?: string;
}

export interface Findings {
  people: number;
  /** People who applied every event accepted for them and whose runs have all ended: nothing more is to happen. */
  settled: number;
  /** People whose targets match what is expected. */
  matching: number;
  /** An account that exists more than once in one target. */
  duplicates: string[];
  /** An expected account, mail or write-back that is not there, or an account in the wrong state. */
  wrong: string[];
  /** Events answered 202 that the person never applied. */
  lost: string[];
  /** Runs that failed (the person needs attention). */
  failedRuns: string[];
  /** Outbox rows refused for good. */
  refused: number;
}

const scimPage = z.looseObject({
  totalResults: z.number(),
  Resources: z.array(z.looseObject({ externalId: z.string().optional(), active: z.boolean().optional(), title: z.string().optional() })).default([]),
});
const snapshot = z.looseObject({
  runs: z.array(z.looseObject({ definitionId: z.string(), status: z.string(), error: z.string().optional(), failedNodeId: z.string().optional() })).default([]),
  scheduled: z.array(z.unknown()).default([]),
  seenEventIds: z.array(z.string()).default([]),
});
const writeBack = z.looseObject({ employeeId: z.string() });
const welcomeSubject = /^Welcome (.+): their accounts are ready$/;

interface Account {
  enabled: boolean;
  title: string | undefined;
}

function group<T>(map: Map<string, T[]>, key: string | undefined, value: T): void {
  if (key === undefined) return;
  const list = map.get(key) ?? [];
  map.set(key, list);
  list.push(value);
}

async function adAccounts(stack: FaultStack, prefix: string): Promise<Map<string, Account[]>> {
  const { look, targets } = stack;
  const filter = new AndFilter({ filters: [new EqualityFilter({ attribute: 'objectClass', value: 'user' }), new SubstringFilter({ attribute: 'employeeID', initial: prefix })] });
  const found = new Map<string, Account[]>();
  for (const e of await look.search(targets.dc.baseDn, filter, ['employeeID', 'userAccountControl', 'title'])) group(found, attr(e, 'employeeID')[0], { enabled: !isDisabled(e), title: attr(e, 'title')[0] });
  return found;
}

function entraAccounts(stack: FaultStack, prefix: string): Map<string, Account[]> {
  const found = new Map<string, Account[]>();
  // Deleted users count too: a second user made and deleted is still a user made twice.
  for (const u of stack.targets.graph.tenant.users.values()) {
    const id = u.props.employeeId;
    if (typeof id !== 'string' || !id.startsWith(prefix)) continue;
    const title = u.props.jobTitle;
    group(found, id, { enabled: u.deletedDateTime === null && u.props.accountEnabled === true, title: typeof title === 'string' ? title : undefined });
  }
  return found;
}

async function appAccounts(stack: FaultStack, prefix: string): Promise<Map<string, Account[]>> {
  const found = new Map<string, Account[]>();
  let startIndex = 1;
  for (;;) {
    const res = await stack.targets.scim.read('/Users', { filter: `externalId sw ${JSON.stringify(prefix)}`, attributes: 'externalId,active,title', count: '500', startIndex: String(startIndex) });
    if (res.status !== 200) throw new Error(`scim2-server answered ${res.status} to a list of users: ${JSON.stringify(res.body).slice(0, 300)}`);
    const page = scimPage.parse(res.body);
    for (const u of page.Resources) group(found, u.externalId, { enabled: u.active === true, title: u.title });
    startIndex += page.Resources.length;
    if (page.Resources.length === 0 || startIndex > page.totalResults) return found;
  }
}

const none = new Map<string, Account[]>();

/**
 * Reads the people table and, with `targets`, every target once, and compares them with `expected`.
 * Without `targets` only `settled`, `lost`, `failedRuns` and `refused` are filled: the cheap read a
 * wait repeats, sparing Samba and scim2-server a full listing every few seconds.
 */
export async function inspect(stack: FaultStack, prefix: string, expected: readonly Expected[], ledger: Ledger, targets = true): Promise<Findings> {
  const like = `${prefix}%`;
  const [ad, app, people, outbox] = await Promise.all([
    targets ? adAccounts(stack, prefix) : none,
    targets ? appAccounts(stack, prefix) : none,
    stack.db.query<{ employee_id: string; snapshot: unknown }>("SELECT employee_id, snapshot FROM people WHERE source = 'hr' AND employee_id LIKE $1", [like]),
    stack.db.query<{ employee_id: string; undelivered: number; refused: number }>(
      "SELECT employee_id, count(*) FILTER (WHERE delivered_at IS NULL AND refused_at IS NULL)::int AS undelivered, count(*) FILTER (WHERE refused_at IS NOT NULL)::int AS refused FROM hr_outbox WHERE source = 'hr' AND employee_id LIKE $1 GROUP BY employee_id",
      [like],
    ),
  ]);
  const entra = targets ? entraAccounts(stack, prefix) : none;
  const byName = new Map(expected.map((e) => [e.displayName, e.employeeId]));
  const mails = new Map<string, number>();
  for (const m of stack.targets.smtp.messages) {
    const id = byName.get(welcomeSubject.exec(m.parsed.subject ?? '')?.[1] ?? '');
    if (id !== undefined) mails.set(id, (mails.get(id) ?? 0) + 1);
  }
  const writeBacks = new Set<string>();
  for (const r of stack.targets.hr.requests) {
    const body = writeBack.safeParse(r.json);
    if (body.success) writeBacks.add(body.data.employeeId);
  }
  const snapshots = new Map(people.rows.map((r) => [r.employee_id, snapshot.parse(r.snapshot ?? {})]));
  const queued = new Map(outbox.rows.map((r) => [r.employee_id, r]));

  const findings: Findings = { people: expected.length, settled: 0, matching: 0, duplicates: [], wrong: [], lost: [], failedRuns: [], refused: 0 };
  for (const e of expected) {
    const id = e.employeeId;
    const person = snapshots.get(id);
    const rows = queued.get(id);
    findings.refused += rows?.refused ?? 0;
    for (const r of person?.runs ?? []) if (r.status === 'failed') findings.failedRuns.push(`${id}: ${r.definitionId} failed at ${r.failedNodeId ?? '?'}: ${r.error ?? ''}`.slice(0, 400));
    const seen = new Set(person?.seenEventIds ?? []);
    const unapplied = [...(ledger.accepted.get(id) ?? [])].filter((eventId) => !seen.has(eventId));
    for (const eventId of unapplied) findings.lost.push(`${id}: ${eventId}`);
    if (person && unapplied.length === 0 && (rows?.undelivered ?? 0) === 0 && person.scheduled.length === 0 && person.runs.every((r) => r.status !== 'running')) findings.settled++;
    if (!targets) continue;

    const problems: string[] = [];
    for (const [target, accounts] of [['AD', ad.get(id) ?? []], ['Entra ID', entra.get(id) ?? []], ['app', app.get(id) ?? []]] as const) {
      if (accounts.length > 1) findings.duplicates.push(`${id}: ${accounts.length} ${target} accounts`);
      if (e.accounts === 'enabled') {
        if (!accounts.some((a) => a.enabled)) problems.push(accounts.length === 0 ? `no ${target} account` : `${target} account disabled`);
        else if (e.title !== undefined && !accounts.some((a) => a.enabled && a.title === e.title)) problems.push(`${target} title is ${accounts.map((a) => a.title ?? '(none)').join(', ')}, not ${e.title}`);
      } else if (accounts.some((a) => a.enabled)) problems.push(`${target} account enabled`);
    }
    if (e.accounts === 'enabled') {
      if ((mails.get(id) ?? 0) === 0) problems.push('no welcome mail');
      if (!writeBacks.has(id)) problems.push('no HR write-back');
    }
    if (problems.length === 0) findings.matching++;
    else findings.wrong.push(`${id}: ${problems.join('; ')}`);
  }
  return findings;
}

/**
 * Reads until every person has settled, or `timeoutMs` passed, and returns what the last read found
 * (until then, an event not applied yet is not lost, only late); reports progress.
 */
export async function settle(stack: FaultStack, prefix: string, expected: readonly Expected[], ledger: Ledger, timeoutMs: number, log: (line: string) => void): Promise<Findings> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = 0;
  for (;;) {
    const people = await inspect(stack, prefix, expected, ledger, false);
    if (people.settled === people.people || Date.now() > deadline) {
      // A run's last write can reach a peer's record a moment after the run ended (a mail is parsed once received): read again before calling it wrong.
      let f = await inspect(stack, prefix, expected, ledger);
      for (let again = 0; again < 3 && f.wrong.length > 0; again++) {
        await sleep(3000);
        f = await inspect(stack, prefix, expected, ledger);
      }
      log(`${f.settled}/${f.people} settled, ${f.matching}/${f.people} as expected in every target${f.duplicates.length > 0 ? `, ${f.duplicates.length} duplicates` : ''}${f.failedRuns.length > 0 ? `, ${f.failedRuns.length} failed runs` : ''}`);
      return f;
    }
    if (Date.now() - lastReport > 20_000) {
      log(`${people.settled}/${people.people} settled${people.failedRuns.length > 0 ? `, ${people.failedRuns.length} failed runs` : ''}`);
      lastReport = Date.now();
    }
    await sleep(3000);
  }
}

const timeline = z.looseObject({ timeline: z.array(z.looseObject({ at: z.string(), kind: z.string(), message: z.string() })).default([]) });

/** The person's timeline as the people table holds it, one line per entry: what a failure report shows. */
export async function timelineOf(stack: FaultStack, employeeId: string): Promise<string[]> {
  const rows = await stack.db.query<{ snapshot: unknown }>("SELECT snapshot FROM people WHERE source = 'hr' AND employee_id = $1", [employeeId]);
  const recorded = rows.rows[0]?.snapshot;
  if (recorded === undefined || recorded === null) return ['(not in the people table)'];
  return timeline.parse(recorded).timeline.map((t) => `${t.at} ${t.kind}: ${t.message}`);
}
