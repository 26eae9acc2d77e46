/**
 * Approver resolution: turns a stage's approver rules (named users, the person's manager or a
 * manager further up, group members, an expression) into the users who decide, when the step runs.
 *
 * Pure and deterministic: everything that needs the directory (who is linked to which person, whose
 * manager is whom, who is in a group, who delegated to whom) goes through injected lookups, which
 * the workflow implements with activities and simulation with the database. Two rules hold whatever
 * the definition says: the person concerned and the requester never decide (nobody approves their
 * own change), and a stage that finds nobody else goes to the configured fallback, never to them.
 */
import type { Approver, EscalationTarget } from './approval.ts';
import { evaluateExpression, parseExpression } from './expressions/index.ts';
import { expressionAttributes } from './params.ts';

export interface ApproverLookups {
  /** The users linked to these people (by employee id); people without a user are left out. */
  usersForEmployees(employeeIds: readonly string[]): Promise<Readonly<Record<string, string>>>;
  /** The people these users are linked to (by user id). */
  employeesForUsers(userIds: readonly string[]): Promise<Readonly<Record<string, string>>>;
  /** Each person's manager (an employee id, read from `attribute` of what HR last sent), by employee id. */
  managersOf(employeeIds: readonly string[], attribute: string): Promise<Readonly<Record<string, string>>>;
  /** The members (user ids) of an approver group; undefined when there is no such group. */
  groupMembers(groupId: string): Promise<readonly string[] | undefined>;
  /** For each of these users with a delegation in force now: who decides for them (chains already followed). */
  delegations(userIds: readonly string[]): Promise<Readonly<Record<string, string>>>;
}

export interface ResolutionContext {
  attributes: Readonly<Record<string, unknown>>;
  vars: Readonly<Record<string, unknown>>;
  steps: Readonly<Record<string, unknown>>;
  now: Date;
  random: () => number;
  /** Users who never decide here, each with the reason (the person concerned, the requester). */
  excluded: ReadonlyMap<string, string>;
}

/** One approver's place in a stage. */
export interface Seat {
  userId: string;
  /** The approver this user decides for, through a delegation. */
  onBehalfOf?: string;
}

export interface Resolution {
  seats: Seat[];
  /** Users the rules named who may not decide, and why. */
  excluded: { userId: string; reason: string }[];
  usedFallback: boolean;
  /** Why rules found fewer people than they might have (no manager, an unlinked employee, …). */
  notes: string[];
}

/** The rules and the fallback found too few people who may decide; the message says what was missing. */
export class NoApprovers extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoApprovers';
  }
}

/** A rule refers to something that does not exist (an unknown group, an expression that fails). */
export class ApproverRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApproverRuleError';
  }
}

/** Who may never decide on this run: the user linked to the person concerned, and the requester. */
export async function excludedDeciders(employeeId: string, requestedBy: string, lookups: Pick<ApproverLookups, 'usersForEmployees'>): Promise<Map<string, string>> {
  const excluded = new Map<string, string>();
  const subject = (await lookups.usersForEmployees([employeeId]))[employeeId];
  if (subject !== undefined) excluded.set(subject, `${subject} is the person this change is about`);
  if (!excluded.has(requestedBy)) excluded.set(requestedBy, `${requestedBy} requested this change`);
  return excluded;
}

function idsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (typeof value === 'number' && Number.isFinite(value)) return [String(value)];
  if (Array.isArray(value)) return value.flatMap(idsOf);
  return [];
}

async function managerChain(start: string, level: number, attribute: string, lookups: ApproverLookups, notes: string[]): Promise<string | undefined> {
  let current = start;
  for (let l = 2; l <= level; l++) {
    const next = (await lookups.managersOf([current], attribute))[current];
    if (next === undefined) {
      notes.push(`the manager chain ends at employee ${current}: no ${attribute} is known for them`);
      return undefined;
    }
    current = next;
  }
  return current;
}

async function usersOf(employeeIds: readonly string[], lookups: ApproverLookups, notes: string[]): Promise<string[]> {
  if (employeeIds.length === 0) return [];
  const users = await lookups.usersForEmployees(employeeIds);
  return employeeIds.flatMap((e) => {
    const user = users[e];
    if (user === undefined) notes.push(`employee ${e} is not linked to a Tenure user`);
    return user === undefined ? [] : [user];
  });
}

async function candidatesOf(rule: Approver | EscalationTarget, ctx: ResolutionContext, lookups: ApproverLookups, undecided: readonly string[], notes: string[]): Promise<string[]> {
  switch (rule.kind) {
    case 'user':
      return [rule.userId];
    case 'manager': {
      const [first] = idsOf(ctx.attributes[rule.attribute]);
      if (first === undefined) {
        notes.push(`the person has no ${rule.attribute}`);
        return [];
      }
      const manager = await managerChain(first, rule.level, rule.attribute, lookups, notes);
      return manager === undefined ? [] : usersOf([manager], lookups, notes);
    }
    case 'group': {
      const members = await lookups.groupMembers(rule.groupId);
      if (members === undefined) throw new ApproverRuleError(`there is no approver group "${rule.groupId}"; create it or change the step`);
      if (members.length === 0) notes.push(`approver group "${rule.groupId}" has no members`);
      return [...members];
    }
    case 'expression': {
      const parsed = parseExpression(rule.expression);
      if (!parsed.ok) throw new ApproverRuleError(`the approver expression does not parse: ${parsed.error.message} (line ${parsed.error.line}, column ${parsed.error.column})`);
      let value: unknown;
      try {
        value = (await evaluateExpression(parsed.ast, { attributes: expressionAttributes(ctx), now: ctx.now, random: ctx.random })).value;
      } catch (error) {
        throw new ApproverRuleError(`the approver expression failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      const ids = idsOf(value);
      if (ids.length === 0) notes.push(`the approver expression gave no id`);
      return rule.resolveAs === 'employee' ? usersOf(ids, lookups, notes) : ids;
    }
    case 'approversManager': {
      if (undecided.length === 0) return [];
      const employees = await lookups.employeesForUsers(undecided);
      const linked = undecided.flatMap((u) => {
        const e = employees[u];
        if (e === undefined) notes.push(`approver ${u} is not linked to a person, so their manager is unknown`);
        return e === undefined ? [] : [e];
      });
      if (linked.length === 0) return [];
      const managers = await lookups.managersOf(linked, 'managerId');
      const found = linked.flatMap((e) => {
        const m = managers[e];
        if (m === undefined) notes.push(`no manager is known for employee ${e}`);
        return m === undefined ? [] : [m];
      });
      return usersOf([...new Set(found)], lookups, notes);
    }
  }
}

async function eligible(rules: readonly (Approver | EscalationTarget)[], ctx: ResolutionContext, lookups: ApproverLookups, undecided: readonly string[], resolution: Resolution, into: string[]): Promise<void> {
  for (const rule of rules) {
    for (const userId of await candidatesOf(rule, ctx, lookups, undecided, resolution.notes)) {
      const reason = ctx.excluded.get(userId);
      if (reason !== undefined) {
        if (!resolution.excluded.some((e) => e.userId === userId)) resolution.excluded.push({ userId, reason });
        continue;
      }
      if (!into.includes(userId)) into.push(userId);
    }
  }
}

export interface ResolveOptions {
  /** Approvers used when the rules find fewer than `minimum` people who may decide. */
  fallback?: readonly Approver[] | undefined;
  /** How many people the stage needs at least (a quorum's size); 1 by default. */
  minimum?: number;
  /** For escalations: the approvers who did not answer (whose managers `approversManager` finds). */
  undecided?: readonly string[];
  /** Users already seated in the stage, who are not seated twice. */
  seated?: readonly string[];
}

export async function resolveApprovers(rules: readonly (Approver | EscalationTarget)[], ctx: ResolutionContext, lookups: ApproverLookups, options: ResolveOptions = {}): Promise<Resolution> {
  const resolution: Resolution = { seats: [], excluded: [], usedFallback: false, notes: [] };
  const minimum = options.minimum ?? 1;
  const undecided = options.undecided ?? [];
  const chosen: string[] = [];
  await eligible(rules, ctx, lookups, undecided, resolution, chosen);
  const fresh = () => chosen.filter((u) => !(options.seated ?? []).includes(u));
  if (fresh().length < minimum && options.fallback !== undefined && options.fallback.length > 0) {
    resolution.usedFallback = true;
    await eligible(options.fallback, ctx, lookups, undecided, resolution, chosen);
  }
  const users = fresh();
  if (users.length < minimum) {
    const why = [...resolution.notes, ...resolution.excluded.map((e) => `${e.reason}, so may not decide`)];
    const wanted = minimum === 1 ? 'no one who may decide' : `${users.length} of the ${minimum} approvers it needs`;
    throw new NoApprovers(
      `the approval found ${wanted}${why.length > 0 ? ` (${why.join('; ')})` : ''}; ${options.fallback && options.fallback.length > 0 ? 'the fallback approvers found no one either: change them' : 'add fallback approvers to the step'}`,
    );
  }
  resolution.seats = await delegated(users, ctx, lookups, resolution.notes, options.seated ?? []);
  return resolution;
}

/** Seats each user, or whoever they delegated to (unless the delegate may not decide here or is already seated). */
export async function delegated(users: readonly string[], ctx: Pick<ResolutionContext, 'excluded'>, lookups: Pick<ApproverLookups, 'delegations'>, notes: string[], seated: readonly string[] = []): Promise<Seat[]> {
  const delegates = users.length === 0 ? {} : await lookups.delegations(users);
  const seats: Seat[] = [];
  const taken = new Set(seated);
  for (const userId of users) {
    const to = delegates[userId];
    if (to !== undefined && to !== userId) {
      if (ctx.excluded.has(to)) notes.push(`${userId} delegated to ${to}, who may not decide here, so ${userId} stays the approver`);
      else if (taken.has(to) || users.includes(to)) notes.push(`${userId} delegated to ${to}, who already decides here, so ${userId} stays the approver`);
      else {
        seats.push({ userId: to, onBehalfOf: userId });
        taken.add(to);
        continue;
      }
    }
    seats.push({ userId });
    taken.add(userId);
  }
  return seats;
}
