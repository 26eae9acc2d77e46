/**
 * What the person workflow needs from the app database: which published revisions an HR event may
 * trigger, and projections of runs and people for the API's fast lists.
 */
import type { HrEvent, LifecycleState, Trigger } from '../../workflows/dsl/index.ts';

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
}

export interface PeopleStore {
  /** The latest revision of every definition whose trigger lists this event type. */
  triggeredRevisions(eventType: HrEvent['type']): Promise<TriggeredRevision[]>;
  recordRun(run: RunRecordInput): Promise<void>;
  recordPerson(person: PersonRecordInput): Promise<void>;
}

export function createPeopleActivities(store: PeopleStore) {
  return {
    'people.triggeredRevisions': async (args: { eventType: HrEvent['type'] }) => store.triggeredRevisions(args.eventType),
    'people.recordRun': async (run: RunRecordInput) => store.recordRun(run),
    'people.recordPerson': async (person: PersonRecordInput) => store.recordPerson(person),
  };
}

export type PeopleActivities = ReturnType<typeof createPeopleActivities>;
