/**
 * The hire-date policy: what a hire (or rehire) that names no hire date means.
 *
 * Entra's /bulkUpload accepts a worker with core and enterprise attributes and no hire date (its
 * documented example requests are such workers), and provisions them at once. Tenure's Joiner and
 * Rehire start on `hireDate`, so without one they never start. The policy decides, at intake, for
 * every channel that derives events from HR states (SCIM bulk, CSV), TENURE_HIRE_WITHOUT_DATE:
 * - `now` (the default): the hire is dated the day it arrives (`hireDate` set to that UTC date in
 *   the event), so it takes effect now, as in Entra;
 * - `refuse`: the record is refused (400 for that record, naming the field), so HR must send a date;
 * - `accept`: the record is accepted as it is; lifecycles that start on `hireDate` do not start, and
 *   the response and the person's timeline say so.
 * A hire date in the past needs no policy: a lifecycle due on a past date starts at once. Either way
 * the record's note says what Tenure made of it, so HR is never left guessing.
 */
import { calendarDate } from '../../workflows/dsl/dates.ts';
import type { Attributes, HrEvent } from '../../workflows/dsl/index.ts';

export const hireDatePolicies = ['now', 'refuse', 'accept'] as const;
export type HireDatePolicy = (typeof hireDatePolicies)[number];
/**
 * What each policy does with a hire that names no date: to the record (the answer and the batch
 * record) and to the person, as the HR reference (docs/hr.md) states it.
 */
export const hireDatePolicyEffects = {
  now: { record: 'accepted; its note says it was dated the day it arrived', person: '`hireDate` is that UTC date: the Joiner starts at once' },
  refuse: { record: 'refused (`400` for that record, naming `hireDate`); the other records go on', person: 'nothing is sent' },
  accept: { record: 'accepted as it is, with a `warning`', person: 'lifecycles that start on `hireDate` do not start, and the timeline says so' },
} as const satisfies Readonly<Record<HireDatePolicy, { record: string; person: string }>>;
export const defaultHireDatePolicy: HireDatePolicy = 'now';

/** The attribute the built-in Joiner and Rehire start on. */
export const hireDateAttribute = 'hireDate';

export interface HireDateOutcome {
  /** The event's attributes, with `hireDate` set when the policy dated the hire. */
  attributes: Attributes;
  /** What Tenure made of the hire date, for the record's note; undefined when the date is ordinary. */
  note?: string;
  /** Why the record is refused (policy `refuse`). */
  refused?: string;
}

const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Applies the policy to one derived event. `known` is what Tenure already knows of the person: a
 * rehire keeps the hire date it had unless HR sends another, so only a missing one is dated.
 */
export function applyHireDatePolicy(policy: HireDatePolicy, type: HrEvent['type'], known: Readonly<Record<string, unknown>>, attributes: Attributes, now: Date): HireDateOutcome {
  if (type !== 'hire' && type !== 'rehire') return { attributes };
  const stated = attributes[hireDateAttribute];
  const value = stated !== undefined && stated !== null && stated !== '' ? stated : type === 'rehire' ? undefined : known[hireDateAttribute];
  const date = calendarDate(value, 'UTC');
  const today = utcDay(now);
  if (date === undefined) {
    if (policy === 'refuse') return { attributes, refused: `a ${type} needs a ${hireDateAttribute} (YYYY-MM-DD or an ISO timestamp): this Tenure refuses hires without one (TENURE_HIRE_WITHOUT_DATE=refuse)` };
    if (policy === 'accept') return { attributes, note: `no ${hireDateAttribute}: accepted as it is, so a lifecycle that starts on ${hireDateAttribute} does not start (TENURE_HIRE_WITHOUT_DATE=accept)` };
    return { attributes: { ...attributes, [hireDateAttribute]: today }, note: `no ${hireDateAttribute}: dated ${today}, the day it arrived, so it takes effect now (TENURE_HIRE_WITHOUT_DATE=now)` };
  }
  const day = `${String(date.y).padStart(4, '0')}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
  if (day < today) return { attributes, note: `${hireDateAttribute} ${day} is in the past: it takes effect now` };
  return { attributes };
}
