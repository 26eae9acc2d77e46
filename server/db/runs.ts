/** The runs started through Tenure, for lookups by id; Temporal holds their state. */
import type { RunRecordInput } from '../../activities/store/people.ts';
import type { Database } from './database.ts';

export interface RunRecord extends RunRecordInput {
  startedAt: string;
}

export interface RunRow {
  id: string;
  workflow_id: string;
  definition_id: string;
  revision: number;
  employee_id: string;
  requested_by: string;
  started_at: Date;
}

const toRecord = (r: RunRow): RunRecord => ({
  id: r.id,
  workflowId: r.workflow_id,
  definitionId: r.definition_id,
  revision: r.revision,
  employeeId: r.employee_id,
  requestedBy: r.requested_by,
  startedAt: r.started_at.toISOString(),
});

export function createRunStore(db: Database) {
  return {
    async insert(run: RunRecordInput): Promise<void> {
      await db.query(
        'INSERT INTO runs (id, workflow_id, definition_id, revision, employee_id, requested_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
        [run.id, run.workflowId, run.definitionId, run.revision, run.employeeId, run.requestedBy],
      );
    },
    async get(id: string): Promise<RunRecord | undefined> {
      const [row] = await db.query<RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
      return row ? toRecord(row) : undefined;
    },
  };
}

export type RunStore = ReturnType<typeof createRunStore>;
