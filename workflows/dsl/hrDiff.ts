/**
 * From "what HR says a worker looks like now" to the HR event that moves Tenure there. SCIM bulk
 * uploads and CSV snapshots carry states, not events: Tenure compares each record with what it
 * already knows of the person and derives hire, update, terminate, rehire or cancel — or nothing.
 * Also the mass-change safety verdict (Entra's accidental-deletion threshold, Okta's import
 * safeguard). Pure: the caller supplies the known state, the limits and the clock.
 */
import { z } from 'zod';
import type { Attributes, AttributeValue, HrEvent } from './hr.ts';
import { nextState, type LifecycleState } from './personState.ts';

/** What Tenure knows of a person (the people projection, or an earlier record of the same batch). */
export interface KnownState {
  state: LifecycleState | null | undefined;
  attributes: Readonly<Record<string, unknown>>;
}

/** One worker as an HR snapshot or SCIM payload states them. */
export interface StatedWorker {
  employeeId: string;
  /** Whether HR says they work here; undefined when the record does not say. */
  active: boolean | undefined;
  /** Only the attributes the record speaks about; null or '' means "HR cleared it". */
  attributes: Attributes;
}

export type DerivedType = HrEvent['type'];

export type DerivedChange =
  | { kind: 'event'; type: DerivedType; attributes: Attributes; changed: string[] }
  | { kind: 'unchanged' }
  | { kind: 'skipped'; reason: string };

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Whether two attribute values mean the same. Empty values are all alike, and a CSV's "4130" equals
 * a JSON 4130: a snapshot re-read every night must not turn into an update every night.
 */
export function sameAttributeValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    const as = Array.isArray(a) ? a : [a];
    const bs = Array.isArray(b) ? b : [b];
    return as.length === bs.length && as.every((x, i) => sameAttributeValue(x, bs[i]));
  }
  const scalar = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
  const sa = scalar(a);
  const sb = scalar(b);
  if (sa === undefined || sb === undefined) return JSON.stringify(a) === JSON.stringify(b);
  return sa === sb;
}

/** The attributes of `stated` that differ from `known`, sorted by name. */
export function statedChanges(known: Readonly<Record<string, unknown>>, stated: Attributes): string[] {
  return Object.keys(stated)
    .filter((name) => !sameAttributeValue(known[name], stated[name]))
    .sort();
}

/** The named attributes, a cleared one ('' or absent) as null. */
const pick = (attributes: Attributes, names: readonly string[]): Attributes => Object.fromEntries(names.map((n) => [n, attributes[n] === '' ? null : (attributes[n] ?? null)]));
const nonEmpty = (attributes: Attributes): Attributes => Object.fromEntries(Object.entries(attributes).filter(([, v]) => !isEmpty(v)));

/** A person whose termination is done or under way: a further "inactive" says nothing new. */
const disabled = (state: KnownState['state']) => state === 'terminated' || state === 'leaver';

/**
 * The event that brings Tenure from `known` to what HR states. Unknown and active → hire (every
 * attribute); unknown and inactive → nothing to provision; known, not leaving, inactive → terminate;
 * terminated and explicitly active → rehire; a leaver whose last day HR cleared → cancel (the
 * termination is withdrawn); otherwise the changed attributes → update, or nothing.
 */
export function deriveChange(known: KnownState | undefined, worker: StatedWorker): DerivedChange {
  const changed = known ? statedChanges(known.attributes, worker.attributes) : [];
  if (!known) {
    if (worker.active === false) return { kind: 'skipped', reason: 'not known to Tenure and inactive in HR: nothing to provision' };
    return { kind: 'event', type: 'hire', attributes: nonEmpty(worker.attributes), changed: Object.keys(nonEmpty(worker.attributes)).sort() };
  }
  if (known.state === 'terminated' && worker.active === true) {
    return { kind: 'event', type: 'rehire', attributes: { ...nonEmpty(worker.attributes), ...pick(worker.attributes, changed) }, changed };
  }
  if (!disabled(known.state) && worker.active === false) {
    return { kind: 'event', type: 'terminate', attributes: pick(worker.attributes, changed), changed };
  }
  if (known.state === 'leaver' && worker.active !== false && 'lastDay' in worker.attributes && isEmpty(worker.attributes.lastDay) && !isEmpty(known.attributes.lastDay)) {
    return { kind: 'event', type: 'cancel', attributes: pick(worker.attributes, changed), changed };
  }
  if (changed.length === 0) return { kind: 'unchanged' };
  return { kind: 'event', type: 'update', attributes: pick(worker.attributes, changed), changed };
}

/**
 * A known person missing from a full snapshot: HR no longer lists them. A pending hire is withdrawn
 * (cancel), an active worker leaves (terminate); someone already leaving or gone needs nothing.
 */
export function deriveAbsent(known: KnownState): DerivedChange {
  if (known.state === 'prehire') return { kind: 'event', type: 'cancel', attributes: {}, changed: [] };
  if (disabled(known.state)) return { kind: 'unchanged' };
  return { kind: 'event', type: 'terminate', attributes: {}, changed: [] };
}

/** The state a derived event leaves the person in, so later records of the same batch compare with it. */
export function knownAfter(known: KnownState | undefined, type: DerivedType, attributes: Attributes, now: Date): KnownState {
  const merged = { ...(known?.attributes ?? {}), ...attributes };
  const event: HrEvent = { eventId: 'derived', type, employeeId: 'derived', attributes };
  return { state: nextState(known?.state ?? undefined, event, merged, now), attributes: merged };
}

/** Events that disable someone: what the mass-change safety counts. */
export const isDisabling = (type: HrEvent['type']) => type === 'terminate' || type === 'cancel';

/** A person still counted as working here (leavers work until their last day). */
export const countsAsActive = (state: LifecycleState | null | undefined) => state !== 'terminated';

export const safetyLimitsSchema = z.strictObject({
  /** Hold a batch that would disable more than this many people (with the recent window). */
  maxDisables: z.number().int().min(0).max(1_000_000),
  /** …or more than this share of the people Tenure counts as active. */
  maxDisableShare: z.number().min(0).max(1),
  /** Disables delivered without approval in this many minutes count with the next batch. */
  windowMinutes: z.number().int().min(0).max(7 * 24 * 60),
});
export type SafetyLimits = z.infer<typeof safetyLimitsSchema>;

export interface SafetyInput {
  /** Disables this batch would deliver. */
  disables: number;
  /** Disables from the same source delivered without approval within the window. */
  recentDisables: number;
  /** People of the source Tenure counts as active before this batch. */
  knownActive: number;
}

export interface SafetyVerdict extends SafetyInput {
  limits: SafetyLimits;
  /** (disables + recentDisables) / (knownActive + recentDisables): the share of the workforce affected. */
  share: number;
  hold: boolean;
  reason?: string;
}

/** Whether a batch must wait for an admin: only batches that disable someone are ever held. */
export function safetyVerdict(input: SafetyInput, limits: SafetyLimits): SafetyVerdict {
  const total = input.disables + input.recentDisables;
  // People disabled earlier in the window were active when the window began.
  const base = input.knownActive + input.recentDisables;
  const share = base === 0 ? (total === 0 ? 0 : 1) : total / base;
  const verdict: SafetyVerdict = { ...input, limits, share, hold: false };
  if (input.disables === 0) return verdict;
  const recent = input.recentDisables > 0 ? ` (${input.disables} here and ${input.recentDisables} in the last ${limits.windowMinutes} minutes)` : '';
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  if (total > limits.maxDisables) {
    return { ...verdict, hold: true, reason: `this would disable ${total} people${recent}, more than the limit of ${limits.maxDisables}; an admin must approve it` };
  }
  if (share > limits.maxDisableShare) {
    return { ...verdict, hold: true, reason: `this would disable ${total} of ${base} active people${recent} (${pct(share)}), more than the limit of ${pct(limits.maxDisableShare)}; an admin must approve it` };
  }
  return verdict;
}

/** A stable text for a set of attributes (sorted keys), for hashing into event ids. */
export function canonicalAttributes(attributes: Readonly<Record<string, AttributeValue>>): string {
  return JSON.stringify(Object.keys(attributes).sort().map((k) => [k, attributes[k] ?? null]));
}
