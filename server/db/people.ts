/** The app database side of the person workflow's activities (see activities/store/people.ts). */
import type { PeopleStore, PersonRecordInput, TriggeredRevision } from '../../activities/store/people.ts';
import type { CompiledRevision, HrEvent, LifecycleState } from '../../workflows/dsl/index.ts';
import type { Database } from './database.ts';
import type { RunStore } from './runs.ts';

interface PersonRow {
  source: string;
  employee_id: string;
  state: LifecycleState | null;
  attributes: Record<string, unknown>;
  updated_at: Date;
}

export interface KnownPerson {
  source: string;
  employeeId: string;
  state: LifecycleState | null;
  attributes: Record<string, unknown>;
  updatedAt: string;
}

export function createPeopleStore(db: Database, runs: RunStore) {
  return {
    async triggeredRevisions(eventType: HrEvent['type']): Promise<TriggeredRevision[]> {
      const rows = await db.query<{ definition_id: string; number: number; compiled: CompiledRevision }>(
        `SELECT DISTINCT ON (definition_id) definition_id, number, compiled
         FROM revisions ORDER BY definition_id, number DESC`,
      );
      return rows
        .filter((r) => r.compiled.trigger.events.includes(eventType))
        .map((r) => ({ definitionId: r.definition_id, revision: r.number, lifecycle: r.compiled.lifecycle, trigger: r.compiled.trigger }));
    },

    async recordRun(run: Parameters<RunStore['insert']>[0]): Promise<void> {
      await runs.insert(run);
    },

    async recordPerson(person: PersonRecordInput): Promise<void> {
      await db.query(
        `INSERT INTO people (source, employee_id, state, attributes) VALUES ($1, $2, $3, $4)
         ON CONFLICT (source, employee_id) DO UPDATE SET state = EXCLUDED.state, attributes = EXCLUDED.attributes, updated_at = now()`,
        [person.source, person.employeeId, person.state ?? null, JSON.stringify(person.attributes)],
      );
    },

    async sourcesOf(employeeId: string): Promise<string[]> {
      return (await db.query<{ source: string }>('SELECT source FROM people WHERE employee_id = $1 ORDER BY source', [employeeId])).map((r) => r.source);
    },

    async get(source: string, employeeId: string): Promise<KnownPerson | undefined> {
      const [r] = await db.query<PersonRow>('SELECT * FROM people WHERE source = $1 AND employee_id = $2', [source, employeeId]);
      return r ? { source: r.source, employeeId: r.employee_id, state: r.state, attributes: r.attributes, updatedAt: r.updated_at.toISOString() } : undefined;
    },

    async known(source: string): Promise<KnownPerson[]> {
      const rows = await db.query<PersonRow>('SELECT * FROM people WHERE source = $1 ORDER BY employee_id', [source]);
      return rows.map((r) => ({ source: r.source, employeeId: r.employee_id, state: r.state, attributes: r.attributes, updatedAt: r.updated_at.toISOString() }));
    },
  } satisfies PeopleStore & Record<string, unknown>;
}

export type ServerPeopleStore = ReturnType<typeof createPeopleStore>;
