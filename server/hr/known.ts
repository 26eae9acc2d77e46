/**
 * What Tenure knows of people at the moment a SCIM bulk request or CSV snapshot is compared with it:
 * the people projection, with the person's events accepted into the outbox within its retention
 * window replayed over it, in acceptance order.
 *
 * The projection lags intake twice: an accepted event waits in the outbox, and a delivered one is
 * applied by the person workflow a moment later. Without the replay, two bulk requests in a row for
 * the same new person would both derive a hire. Replaying events the projection already reflects is
 * harmless: every HR event goes through the outbox, so the projection reflects a prefix of the
 * person's events, and applying the retained ones again, in order, ends in the same attributes and
 * state (later values win, the state follows the same transitions).
 */
import { nextState, type HrEvent } from '../../workflows/dsl/index.ts';
import type { KnownPerson } from '../db/people.ts';
import type { OutboxStore, QueuedEvent } from '../db/outbox.ts';
import type { Known } from './derive.ts';

export interface KnownSources {
  people: { getMany(source: string, employeeIds: readonly string[]): Promise<KnownPerson[]>; known(source: string): Promise<KnownPerson[]> };
  outbox: Pick<OutboxStore, 'queued'>;
}

/** The projection with `queued` (that person's events, in order) applied over it; undefined when Tenure knows nothing. */
export function replayQueued(employeeId: string, projected: KnownPerson | undefined, queued: readonly HrEvent[], now: Date): Known | undefined {
  let known: Known | undefined = projected ? { employeeId, state: projected.state, attributes: projected.attributes, basedOn: projected.updatedAt } : undefined;
  for (const event of queued) {
    const attributes = { ...(known?.attributes ?? {}), ...event.attributes };
    known = { employeeId, state: nextState(known?.state ?? undefined, event, attributes, now), attributes, basedOn: event.eventId };
  }
  return known;
}

function byPerson(queued: readonly QueuedEvent[]): Map<string, HrEvent[]> {
  const map = new Map<string, HrEvent[]>();
  for (const q of queued) {
    const events = map.get(q.employeeId) ?? [];
    if (events.length === 0) map.set(q.employeeId, events);
    events.push(q.event);
  }
  return map;
}

/** What is known of each of `employeeIds` (a SCIM bulk request's people). */
export async function knownPeople(from: KnownSources, source: string, employeeIds: readonly string[], now: Date): Promise<Map<string, Known>> {
  const ids = [...new Set(employeeIds)];
  const [projected, queuedEvents] = await Promise.all([from.people.getMany(source, ids), from.outbox.queued(source, ids)]);
  const projectedById = new Map(projected.map((p) => [p.employeeId, p]));
  const queued = byPerson(queuedEvents);
  const known = new Map<string, Known>();
  for (const id of ids) {
    const person = replayQueued(id, projectedById.get(id), queued.get(id) ?? [], now);
    if (person) known.set(id, person);
  }
  return known;
}

/** Everyone of `source` Tenure knows, by employee id order (a CSV snapshot compares with all of them). */
export async function knownOfSource(from: KnownSources, source: string, now: Date): Promise<Known[]> {
  const [projected, queuedEvents] = await Promise.all([from.people.known(source), from.outbox.queued(source)]);
  const queued = byPerson(queuedEvents);
  const projectedById = new Map(projected.map((p) => [p.employeeId, p]));
  const ids = [...new Set([...projectedById.keys(), ...queued.keys()])].sort();
  return ids.flatMap((id) => {
    const person = replayQueued(id, projectedById.get(id), queued.get(id) ?? [], now);
    return person ? [person] : [];
  });
}
