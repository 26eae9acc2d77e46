/**
 * When each person's accounts appeared, read from the targets themselves — never from Tenure:
 * the AD account enabled (LDAP, as the directory's administrator), the Entra ID user enabled (the
 * Graph peer's state), the app user active (scim2-server), the welcome mail received (SMTP peer)
 * and the write-back received (HR receiver). Reads are incremental (changes since the last read:
 * uSNChanged in AD, meta.lastModified in SCIM, new messages at the peers), so watching 10,000
 * people costs the targets little.
 */
import { AndFilter, EqualityFilter, GreaterThanEqualsFilter, SubstringFilter } from 'ldapts';
import { z } from 'zod';
import { attr } from '../test/support/directory.ts';
import { isDisabled } from '../test/support/e2eStack.ts';
import { displayNameOf, type BenchPerson } from './people.ts';
import type { BenchStack } from './stack.ts';

export const targetNames = ['ad', 'entra', 'app', 'mail', 'hr'] as const;
export type TargetName = (typeof targetNames)[number];
/** The accounts; mail and write-back are the hire's last steps, not accounts. */
export const accountTargets = ['ad', 'entra', 'app'] as const satisfies readonly TargetName[];

/** A value per target. */
export function byTarget<T>(f: (t: TargetName) => T): Record<TargetName, T> {
  return { ad: f('ad'), entra: f('entra'), app: f('app'), mail: f('mail'), hr: f('hr') };
}

const scimPage = z.looseObject({
  totalResults: z.number(),
  Resources: z.array(z.looseObject({ externalId: z.string().optional(), active: z.boolean().optional() })).default([]),
});
const writeBack = z.looseObject({ employeeId: z.string() });
const welcomeSubject = /^Welcome (.+): their accounts are ready$/;

export class TargetWatcher {
  /** Per employee id, when each target was first seen done (ms since the epoch). */
  readonly seen = new Map<string, Partial<Record<TargetName, number>>>();
  readonly #stack: BenchStack;
  readonly #byName = new Map<string, string>();
  readonly #prefix: string;
  #usn = 0;
  #scimSince: string | undefined;
  #mailCursor = 0;
  #hrCursor = 0;

  /** Watches `people`, who all share the employee-id prefix `prefix`. */
  constructor(stack: BenchStack, prefix: string, people: readonly BenchPerson[]) {
    this.#stack = stack;
    this.#prefix = prefix;
    for (const p of people) {
      this.seen.set(p.employeeId, {});
      this.#byName.set(displayNameOf(p), p.employeeId);
    }
    // Messages and requests from before this watcher belong to other parts.
    this.#mailCursor = stack.smtp.messages.length;
    this.#hrCursor = stack.hr.requests.length;
  }

  #mark(employeeId: string | undefined, target: TargetName, at: number): void {
    if (employeeId === undefined) return;
    const s = this.seen.get(employeeId);
    if (s && s[target] === undefined) s[target] = at;
  }

  /** Whether everyone's given targets were seen. */
  allDone(targets: readonly TargetName[] = targetNames): boolean {
    for (const s of this.seen.values()) if (targets.some((t) => s[t] === undefined)) return false;
    return true;
  }

  doneCount(targets: readonly TargetName[] = targetNames): number {
    let n = 0;
    for (const s of this.seen.values()) if (targets.every((t) => s[t] !== undefined)) n++;
    return n;
  }

  /** One read of every target. */
  async poll(): Promise<void> {
    await Promise.all([this.#pollAd(), this.#pollApp()]);
    const now = Date.now();
    this.#pollEntra(now);
    this.#pollPeers(now);
  }

  async #pollAd(): Promise<void> {
    const filter = new AndFilter({
      filters: [new EqualityFilter({ attribute: 'objectClass', value: 'user' }), new SubstringFilter({ attribute: 'employeeID', initial: this.#prefix }), new GreaterThanEqualsFilter({ attribute: 'uSNChanged', value: String(this.#usn) })],
    });
    const entries = await this.#stack.directory.search(filter, ['employeeID', 'userAccountControl', 'uSNChanged']);
    const now = Date.now();
    for (const e of entries) {
      this.#usn = Math.max(this.#usn, Number(attr(e, 'uSNChanged')[0] ?? '0'));
      if (!isDisabled(e)) this.#mark(attr(e, 'employeeID')[0], 'ad', now);
    }
  }

  async #pollApp(): Promise<void> {
    // Changes since shortly before the last read began: a write during a paged read is seen next time.
    const started = new Date(Date.now() - 2000).toISOString();
    let startIndex = 1;
    for (;;) {
      const query: Record<string, string> = { attributes: 'externalId,active', count: '500', startIndex: String(startIndex) };
      if (this.#scimSince !== undefined) query.filter = `meta.lastModified ge ${JSON.stringify(this.#scimSince)}`;
      const res = await this.#stack.scim.read('/Users', query);
      if (res.status !== 200) throw new Error(`scim2-server answered ${res.status} to a list of users: ${JSON.stringify(res.body).slice(0, 300)}`);
      const page = scimPage.parse(res.body);
      const now = Date.now();
      for (const u of page.Resources) if (u.active === true) this.#mark(u.externalId, 'app', now);
      startIndex += page.Resources.length;
      if (page.Resources.length === 0 || startIndex > page.totalResults) break;
    }
    this.#scimSince = started;
  }

  #pollEntra(now: number): void {
    for (const u of this.#stack.graph.tenant.users.values()) {
      if (u.deletedDateTime !== null || u.props.accountEnabled !== true) continue;
      const id = u.props.employeeId;
      if (typeof id === 'string') this.#mark(id, 'entra', now);
    }
  }

  #pollPeers(now: number): void {
    const { smtp, hr } = this.#stack;
    for (; this.#mailCursor < smtp.messages.length; this.#mailCursor++) {
      const name = welcomeSubject.exec(smtp.messages[this.#mailCursor]?.parsed.subject ?? '')?.[1];
      if (name !== undefined) this.#mark(this.#byName.get(name), 'mail', now);
    }
    for (; this.#hrCursor < hr.requests.length; this.#hrCursor++) {
      const body = writeBack.safeParse(hr.requests[this.#hrCursor]?.json);
      if (body.success) this.#mark(body.data.employeeId, 'hr', now);
    }
  }

  /** Reads every `intervalMs` until `done()` holds or `timeoutMs` passed; says whether it finished. */
  async watch(intervalMs: number, timeoutMs: number, done: () => boolean = () => this.allDone()): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const began = Date.now();
      await this.poll();
      if (done()) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - (Date.now() - began))));
    }
  }
}
