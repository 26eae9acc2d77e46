/** The app database side of the person workflow's activities (see activities/store/people.ts). */
import type { PeopleStore, PersonKey, PersonRecordInput, TriggeredRevision } from '../../activities/store/people.ts';
import type { CompiledRevision, LifecycleState, TriggerEventType } from '../../workflows/dsl/index.ts';
import type { Attention, PersonSnapshot } from '../../workflows/personMessages.ts';
import type { Database } from './database.ts';
import type { RunStore } from './runs.ts';

interface PersonRow {
  source: string;
  employee_id: string;
  state: LifecycleState | null;
  attributes: Record<string, unknown>;
  snapshot?: PersonSnapshot | null;
  attention?: Attention | null;
  updated_at: Date;
}

export interface KnownPerson {
  source: string;
  employeeId: string;
  state: LifecycleState | null;
  attributes: Record<string, unknown>;
  updatedAt: string;
}

/** One line of the people list: who, their state and the names and addresses a search matches. */
export interface PersonListing {
  source: string;
  employeeId: string;
  state: LifecycleState | null;
  displayName: string | null;
  email: string | null;
  updatedAt: string;
}

/**
 * The attributes a people search reads. The people projection keeps HR attributes as HR sent them
 * (in clear, like the rest of the row), so a search matches the same text an operator reads on the
 * person's page; nothing is stored for it.
 */
const nameAttributes = ['displayName', 'givenName', 'surname'] as const;
const emailAttributes = ['mail', 'email', 'personalEmail', 'userPrincipalName'] as const;

/** LIKE treats % _ and \ specially; a search term matches literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const displayNameOf = (a: Record<string, unknown>) => text(a.displayName) ?? ([text(a.givenName), text(a.surname)].filter((p) => p !== null).join(' ') || null);
const emailOf = (a: Record<string, unknown>) => emailAttributes.map((k) => text(a[k])).find((v) => v !== null) ?? null;

/** What an import compares with: the snapshot stays in the database. */
const knownColumns = 'source, employee_id, state, attributes, updated_at';

export function createPeopleStore(db: Database, runs: RunStore) {
  const triggers = new Map<string, TriggeredRevision>();
  return {
    async triggeredRevisions(eventType: TriggerEventType): Promise<TriggeredRevision[]> {
      // Every HR event asks this. Revisions are immutable, so only the latest numbers are read each
      // time; a compiled revision is read (and parsed) once per process.
      const latest = await db.query<{ definition_id: string; number: number }>('SELECT DISTINCT ON (definition_id) definition_id, number FROM revisions ORDER BY definition_id, number DESC');
      const found: TriggeredRevision[] = [];
      for (const r of latest) {
        const key = `${r.definition_id}@${r.number}`;
        let trigger = triggers.get(key);
        if (!trigger) {
          const [row] = await db.query<{ compiled: CompiledRevision }>('SELECT compiled FROM revisions WHERE definition_id = $1 AND number = $2', [r.definition_id, r.number]);
          if (!row) continue;
          trigger = { definitionId: r.definition_id, revision: r.number, lifecycle: row.compiled.lifecycle, trigger: row.compiled.trigger };
          triggers.set(key, trigger);
        }
        if (trigger.trigger.events.includes(eventType)) found.push(trigger);
      }
      return found;
    },

    async recordRun(run: Parameters<RunStore['insert']>[0]): Promise<void> {
      await runs.insert(run);
    },

    async recordPerson(person: PersonRecordInput): Promise<void> {
      // A workflow of an earlier version records no snapshot: keep the one there is.
      await db.query(
        `INSERT INTO people (source, employee_id, state, attributes, snapshot, attention) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (source, employee_id) DO UPDATE SET state = EXCLUDED.state, attributes = EXCLUDED.attributes,
           snapshot = COALESCE(EXCLUDED.snapshot, people.snapshot), attention = CASE WHEN EXCLUDED.snapshot IS NULL THEN people.attention ELSE EXCLUDED.attention END, updated_at = now()`,
        [person.source, person.employeeId, person.state ?? null, JSON.stringify(person.attributes), person.snapshot ? JSON.stringify(person.snapshot) : null, person.attention ? JSON.stringify(person.attention) : null],
      );
    },

    async loadPerson(source: string, employeeId: string): Promise<PersonSnapshot | undefined> {
      const [r] = await db.query<Pick<PersonRow, 'snapshot'>>('SELECT snapshot FROM people WHERE source = $1 AND employee_id = $2', [source, employeeId]);
      return r?.snapshot ?? undefined;
    },

    async reportsOf(managerId: string, limit: number, after?: PersonKey): Promise<PersonKey[]> {
      // people_manager_id (migration 014) serves the look-up; the key order makes the pages stable.
      const rows = await db.query<{ source: string; employee_id: string }>(
        `SELECT source, employee_id FROM people
         WHERE attributes->>'managerId' = $1 AND state IS DISTINCT FROM 'terminated' AND ($2::text IS NULL OR (source, employee_id) > ($2::text, $3::text))
         ORDER BY source, employee_id LIMIT $4`,
        [managerId, after?.source ?? null, after?.employeeId ?? null, limit],
      );
      return rows.map((r) => ({ source: r.source, employeeId: r.employee_id }));
    },

    async isManagerReady(employeeId: string): Promise<boolean> {
      const rows = await db.query<{ ready: boolean }>(`SELECT true AS ready FROM people WHERE employee_id = $1 AND (snapshot->>'accountsReady')::boolean IS TRUE LIMIT 1`, [employeeId]);
      return rows.length > 0;
    },

    /** What the API shows of a person: the snapshot the workflow recorded, and whether it needs attention. */
    async view(source: string, employeeId: string): Promise<{ snapshot: PersonSnapshot; attention: Attention | null; updatedAt: string } | undefined> {
      const [r] = await db.query<PersonRow>('SELECT * FROM people WHERE source = $1 AND employee_id = $2', [source, employeeId]);
      return r?.snapshot ? { snapshot: r.snapshot, attention: r.attention ?? null, updatedAt: r.updated_at.toISOString() } : undefined;
    },

    async sourcesOf(employeeId: string): Promise<string[]> {
      return (await db.query<{ source: string }>('SELECT source FROM people WHERE employee_id = $1 ORDER BY source', [employeeId])).map((r) => r.source);
    },

    async get(source: string, employeeId: string): Promise<KnownPerson | undefined> {
      const [r] = await db.query<PersonRow>(`SELECT ${knownColumns} FROM people WHERE source = $1 AND employee_id = $2`, [source, employeeId]);
      return r ? { source: r.source, employeeId: r.employee_id, state: r.state, attributes: r.attributes, updatedAt: r.updated_at.toISOString() } : undefined;
    },

    /** The named people of `source` Tenure knows, in one query (a SCIM bulk request compares 50 at once). */
    async getMany(source: string, employeeIds: readonly string[]): Promise<KnownPerson[]> {
      const rows = await db.query<PersonRow>(`SELECT ${knownColumns} FROM people WHERE source = $1 AND employee_id = ANY($2::text[])`, [source, [...employeeIds]]);
      return rows.map((r) => ({ source: r.source, employeeId: r.employee_id, state: r.state, attributes: r.attributes, updatedAt: r.updated_at.toISOString() }));
    },

    /**
     * People whose employee id, name or e-mail address contains `q` (any case), in key order, a page
     * at a time: `after` is the last key of the previous page. Without `q`, everyone.
     */
    async search(filter: { q?: string | undefined; source?: string | undefined }, limit: number, after?: PersonKey): Promise<PersonListing[]> {
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const where: string[] = [];
      if (filter.source !== undefined) where.push(`source = ${param(filter.source)}`);
      if (filter.q !== undefined && filter.q !== '') {
        const pattern = param(`%${likeLiteral(filter.q)}%`);
        const fields = ['employee_id', ...[...nameAttributes, ...emailAttributes].map((k) => `attributes->>${param(k)}`), `concat_ws(' ', attributes->>'givenName', attributes->>'surname')`];
        where.push(`(${fields.map((f) => `${f} ILIKE ${pattern}`).join(' OR ')})`);
      }
      if (after !== undefined) where.push(`(source, employee_id) > (${param(after.source)}::text, ${param(after.employeeId)}::text)`);
      const rows = await db.query<PersonRow>(`SELECT ${knownColumns} FROM people ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY source, employee_id LIMIT ${param(limit)}`, params);
      return rows.map((r) => ({ source: r.source, employeeId: r.employee_id, state: r.state, displayName: displayNameOf(r.attributes), email: emailOf(r.attributes), updatedAt: r.updated_at.toISOString() }));
    },

    async known(source: string): Promise<KnownPerson[]> {
      const rows = await db.query<PersonRow>(`SELECT ${knownColumns} FROM people WHERE source = $1 ORDER BY employee_id`, [source]);
      return rows.map((r) => ({ source: r.source, employeeId: r.employee_id, state: r.state, attributes: r.attributes, updatedAt: r.updated_at.toISOString() }));
    },
  } satisfies PeopleStore & Record<string, unknown>;
}

export type ServerPeopleStore = ReturnType<typeof createPeopleStore>;
