/**
 * What the person workflow needs from the app database: which published revisions an HR event may
 * trigger, and projections of runs and people for the API's fast lists.
 */
import type { HrEvent, LifecycleState, Trigger } from '../../workflows/dsl/index.ts';
import type { Attention, PersonSnapshot } from '../../workflows/personMessages.ts';

export interface TriggeredRevision {
  definitionId: string;
  revision: number;
  lifecycle: string;
  trigger: Trigger;
}

export interface RunRecordInput {
  id: string;
  workflowId: string;
  definitionId: string;
  revision: number;
  employeeId: string;
  requestedBy: string;
}

export interface PersonRecordInput {
  source: string;
  employeeId: string;
  state: LifecycleState | undefined;
  attributes: Record<string, unknown>;
  /** Everything the person workflow holds: what the API shows, and what a restarted workflow begins from. */
  snapshot?: PersonSnapshot;
  attention?: Attention | null;
}

export interface PeopleStore {
  /** The latest revision of every definition whose trigger lists this event type. */
  triggeredRevisions(eventType: HrEvent['type']): Promise<TriggeredRevision[]>;
  recordRun(run: RunRecordInput): Promise<void>;
  recordPerson(person: PersonRecordInput): Promise<void>;
  /** The last snapshot the person workflow recorded, if any. */
  loadPerson(source: string, employeeId: string): Promise<PersonSnapshot | undefined>;
}

export function createPeopleActivities(store: PeopleStore) {
  return {
    'people.triggeredRevisions': async (args: { eventType: HrEvent['type'] }) => store.triggeredRevisions(args.eventType),
    'people.recordRun': async (run: RunRecordInput) => store.recordRun(run),
    'people.recordPerson': async (person: PersonRecordInput) => store.recordPerson(person),
    'people.loadPerson': async (args: { source: string; employeeId: string }) => store.loadPerson(args.source, args.employeeId),
  };
}

export type PeopleActivities = ReturnType<typeof createPeopleActivities>;
