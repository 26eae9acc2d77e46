/**
 * Turns the workers a batch states into HR events, record by record, against what Tenure knows of
 * each person (the people projection with the events still on their way, server/hr/known.ts) —
 * and, for a later record of the same person in the same batch, against the state the earlier
 * record leads to. Event ids are hashes of what the event says and of the known state it was
 * derived from: the same batch posted again, or a held batch approved twice, gives the same ids,
 * which the person workflow drops; the same values sent again after a different change in between
 * give a new id and are applied.
 */
import { createHash } from 'node:crypto';
import { formatPath, hrEventSchema, type HrEvent } from '../../workflows/dsl/index.ts';
import { canonicalAttributes, deriveAbsent, deriveChange, knownAfter, type DerivedChange, type KnownState, type StatedWorker } from '../../workflows/dsl/hrDiff.ts';
import type { ImportCounts, NewImportRecord, RecordProblem, RecordStatus } from '../db/imports.ts';
import { applyHireDatePolicy, defaultHireDatePolicy, hireDateAttribute, type HireDatePolicy } from './hireDate.ts';

export type Channel = 'import' | 'scimbulk' | 'sync';

/** A person as Tenure knows them; `basedOn` names that knowledge (a projection time or the last event id) for event ids. */
export interface Known extends KnownState {
  employeeId: string;
  basedOn: string;
}

export interface Derived {
  status: RecordStatus;
  event?: HrEvent;
  note?: string;
  /** Why the record was left out, when it was (status `invalid`). */
  errors: RecordProblem[];
  /** With an event: the person's attributes once it is applied, and the attributes it changes (what triggers read). */
  after?: { attributes: Readonly<Record<string, unknown>>; changed: readonly string[] };
}

export function derivedEventId(channel: Channel, source: string, employeeId: string, type: HrEvent['type'], attributes: HrEvent['attributes'], basedOn: string): string {
  const digest = createHash('sha256').update(JSON.stringify([source, employeeId, type, canonicalAttributes(attributes), basedOn])).digest('hex');
  return `${channel}:${digest.slice(0, 40)}`;
}

export function createDeriver(options: { channel: Channel; source: string; now: Date; lookup: (employeeId: string) => Known | undefined; hireDatePolicy?: HireDatePolicy }) {
  const earlier = new Map<string, { known: KnownState; basedOn: string }>();

  function settle(employeeId: string, change: DerivedChange, known: KnownState | undefined, basedOn: string): Derived {
    if (change.kind === 'unchanged') return { status: 'unchanged', note: 'no change from what Tenure knows', errors: [] };
    if (change.kind === 'skipped') return { status: 'skipped', note: change.reason, errors: [] };
    const dated = applyHireDatePolicy(options.hireDatePolicy ?? defaultHireDatePolicy, change.type, known?.attributes ?? {}, change.attributes, options.now);
    if (dated.refused !== undefined) return { status: 'invalid', note: `left out: ${dated.refused}`, errors: [{ path: hireDateAttribute, message: dated.refused }] };
    const attributes = dated.attributes;
    const changed = hireDateAttribute in attributes && !change.changed.includes(hireDateAttribute) ? [...change.changed, hireDateAttribute].sort() : change.changed;
    const eventId = derivedEventId(options.channel, options.source, employeeId, change.type, attributes, basedOn);
    // What Tenure stored earlier (a person, their attributes) was accepted under older rules and may
    // not pass today's: that record is reported and left out, and the rest of the batch goes on.
    const event = hrEventSchema.safeParse({ eventId, type: change.type, employeeId, attributes });
    if (!event.success) {
      const errors = event.error.issues.map((i) => ({ path: formatPath(['event', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]), message: i.message }));
      return { status: 'invalid', note: `left out: the ${change.type} derived from what Tenure knows of this person does not pass the HR event rules; correct the person in HR`, errors };
    }
    const after = knownAfter(known, change.type, event.data.attributes, options.now);
    earlier.set(employeeId, { known: after, basedOn: eventId });
    const note = [changed.length > 0 ? `${change.type}: ${changed.join(', ')}` : change.type, ...(dated.note !== undefined ? [dated.note] : [])].join('; ');
    return { status: 'pending', event: event.data, note, errors: [], after: { attributes: after.attributes, changed } };
  }

  return {
    /** The event for a worker the batch states. */
    stated(worker: StatedWorker): Derived {
      const prior = earlier.get(worker.employeeId);
      if (prior) return settle(worker.employeeId, deriveChange(prior.known, worker), prior.known, prior.basedOn);
      const known = options.lookup(worker.employeeId);
      return settle(worker.employeeId, deriveChange(known, worker), known, known?.basedOn ?? 'new');
    },
    /** The event for a known person a full snapshot no longer lists. */
    absent(known: Known): Derived {
      const derived = settle(known.employeeId, deriveAbsent(known), known, known.basedOn);
      if (derived.status === 'unchanged') return { status: 'unchanged', note: `not in the snapshot; already ${known.state ?? 'inactive'}`, errors: [] };
      return derived.event ? { ...derived, note: `not in the snapshot: ${derived.event.type}` } : derived;
    },
  };
}

/** Counts by outcome: events by type, then unchanged, skipped, invalid; `records` is the total. */
export function countRecords(records: readonly NewImportRecord[]): ImportCounts {
  const counts: ImportCounts = { records: records.length, hire: 0, update: 0, terminate: 0, rehire: 0, cancel: 0, unchanged: 0, skipped: 0, invalid: 0 };
  for (const r of records) {
    const key = r.event ? r.event.type : r.status === 'pending' || r.status === 'delivered' ? 'unchanged' : r.status;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
