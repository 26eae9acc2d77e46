/**
 * Which published lifecycles an accepted HR event will start, and when — worked out at intake with
 * the same pure rules the person workflow applies (trigger events, scope, changed attributes, the
 * trigger's date), so an HR system hears in the 202 itself when a record was accepted but starts
 * nothing, and why. The person workflow stays the authority: this is a forecast from the published
 * revisions at the moment of intake, and the person's timeline records what really happened.
 */
import type { TriggeredRevision } from '../../activities/store/people.ts';
import { triggerMatches, waitTarget, type HrEvent } from '../../workflows/dsl/index.ts';

export interface LifecycleForecast {
  definitionId: string;
  /** `now`, the ISO instant the trigger's date names, or `never`. */
  starts: string;
  /** Why it does not start. */
  reason?: string;
}

export interface Outlook {
  lifecycles: LifecycleForecast[];
  /** Set when an event that is meant to start a lifecycle starts none: what HR and the admin must know. */
  warning?: string;
}

/** Events that exist to start a lifecycle; an update that starts none is ordinary. */
const expectsLifecycle = new Set<HrEvent['type']>(['hire', 'rehire', 'terminate']);

export async function lifecycleOutlook(
  triggered: readonly TriggeredRevision[],
  event: { type: HrEvent['type']; changed: readonly string[] },
  attributes: Readonly<Record<string, unknown>>,
  now: Date,
): Promise<Outlook> {
  const lifecycles: LifecycleForecast[] = [];
  for (const t of triggered) {
    if (!(await triggerMatches(t.trigger, event.type, event.changed, attributes))) {
      lifecycles.push({ definitionId: t.definitionId, starts: 'never', reason: `${t.definitionId} does not apply to this person (its scope or changed-attribute filter)` });
      continue;
    }
    const date = t.trigger.date;
    if (!date) {
      lifecycles.push({ definitionId: t.definitionId, starts: 'now' });
      continue;
    }
    const due = waitTarget({ kind: 'until', attribute: date.attribute, offsetDays: date.offsetDays }, attributes, now);
    if (!due.ok) lifecycles.push({ definitionId: t.definitionId, starts: 'never', reason: `${t.definitionId} starts on ${date.attribute}, and ${due.reason}` });
    else lifecycles.push({ definitionId: t.definitionId, starts: due.until.getTime() <= now.getTime() ? 'now' : due.until.toISOString() });
  }
  if (!expectsLifecycle.has(event.type) || lifecycles.some((l) => l.starts !== 'never')) return { lifecycles };
  const why = lifecycles.length === 0 ? `no published lifecycle starts on a ${event.type}` : lifecycles.flatMap((l) => (l.reason !== undefined ? [l.reason] : [])).join('; ');
  return { lifecycles, warning: `accepted, but no lifecycle will start: ${why}` };
}
