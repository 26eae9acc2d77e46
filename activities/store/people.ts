/**
 * What the person workflow needs from the app database: which published revisions an HR event may
 * trigger, and projections of runs and people for the API's fast lists.
 */
import type { LifecycleState, Trigger, TriggerEventType } from '../../workflows/dsl/index.ts';
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

/** A person as the people table keys them. */
export interface PersonKey {
  source: string;
  employeeId: string;
}

export interface PeopleStore {
  /** The latest revision of every definition whose trigger lists this event type. */
  triggeredRevisions(eventType: TriggerEventType): Promise<TriggeredRevision[]>;
  recordRun(run: RunRecordInput): Promise<void>;
  recordPerson(person: PersonRecordInput): Promise<void>;
  /** The last snapshot the person workflow recorded, if any. */
  loadPerson(source: string, employeeId: string): Promise<PersonSnapshot | undefined>;
  /**
   * People of any source whose `managerId` is this employee id and who have not left (state not
   * terminated), in key order, at most `limit` of them after the key `after`.
   */
  reportsOf(managerId: string, limit: number, after?: PersonKey): Promise<PersonKey[]>;
  /** Whether someone with this employee id recorded that their accounts are ready (PersonState.accountsReady). */
  isManagerReady(employeeId: string): Promise<boolean>;
}

export interface PersonBeginning {
  last?: PersonSnapshot;
  /** By event type: the revisions an event of that type triggers. */
  triggered: Partial<Record<TriggerEventType, TriggeredRevision[]>>;
}

export function createPeopleActivities(store: PeopleStore) {
  return {
    'people.triggeredRevisions': async (args: { eventType: TriggerEventType }) => store.triggeredRevisions(args.eventType),
    'people.recordRun': async (run: RunRecordInput) => store.recordRun(run),
    'people.recordPerson': async (person: PersonRecordInput) => store.recordPerson(person),
    'people.loadPerson': async (args: { source: string; employeeId: string }) => store.loadPerson(args.source, args.employeeId),
    /** A person workflow's first read, in one call: its last recorded state and what its first events may trigger. */
    'people.begin': async (args: { source: string; employeeId: string; eventTypes: TriggerEventType[] }): Promise<PersonBeginning> => {
      const [last, triggered] = await Promise.all([store.loadPerson(args.source, args.employeeId), Promise.all(args.eventTypes.map(async (eventType) => [eventType, await store.triggeredRevisions(eventType)] as const))]);
      return { ...(last !== undefined ? { last } : {}), triggered: Object.fromEntries(triggered) };
    },
    'people.reportsOf': async (args: { managerId: string; limit: number; after?: PersonKey }) => store.reportsOf(args.managerId, args.limit, args.after),
    'people.isManagerReady': async (args: { employeeId: string }) => store.isManagerReady(args.employeeId),
  };
}

export type PeopleActivities = ReturnType<typeof createPeopleActivities>;
