/**
 * The person workflow's messages and state, shared by the workflow, the server and the tests. One
 * person workflow per employee (`person:<source>:<employeeId>`) receives HR events by
 * signal-with-start, keeps the person's lifecycle state, and starts the lifecycle runs that apply.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { HrEvent, LifecycleState, LinkedAccount, ReceivedHrEvent } from './dsl/index.ts';

export interface TimelineEntry {
  at: string;
  kind: 'event' | 'duplicate' | 'state' | 'trigger' | 'scheduled' | 'run-started' | 'run-finished' | 'run-cancelled' | 'rule' | 'operation';
  message: string;
  eventId?: string;
  runId?: string;
  definitionId?: string;
  /** The run's step a `rule` or `operation` entry is about. */
  nodeId?: string;
}

export interface PersonRun {
  runId: string;
  workflowId: string;
  definitionId: string;
  revision: number;
  lifecycle: string;
  eventType: HrEvent['type'];
  startedAt: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
}

/** A run whose trigger names a date: it starts when that date (± offset) comes, re-read on every change. */
export interface ScheduledRun {
  definitionId: string;
  revision: number;
  lifecycle: string;
  eventType: HrEvent['type'];
  eventId: string;
  dateAttribute: string;
  offsetDays: number;
}

export interface PersonState {
  source: string;
  employeeId: string;
  state: LifecycleState | undefined;
  attributes: Record<string, unknown>;
  timeline: TimelineEntry[];
  runs: PersonRun[];
  scheduled: ScheduledRun[];
  /** The person's account in each target, by connection id, as the runs left it. */
  accounts: Record<string, LinkedAccount>;
}

export interface PersonInput {
  source: string;
  employeeId: string;
  /** State carried over by continue-as-new (`accounts` is absent in state carried by older versions). */
  carried?: Omit<PersonState, 'accounts'> & Partial<Pick<PersonState, 'accounts'>> & { seenEventIds: string[]; inbox: ReceivedHrEvent[] };
}

export const hrEventSignal = defineSignal<[ReceivedHrEvent]>('hrEvent');
export const personQuery = defineQuery<PersonState>('person');
export const personWorkflowId = (source: string, employeeId: string) => `person:${source}:${employeeId}`;
