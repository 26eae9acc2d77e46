/**
 * Definitions and their revisions. A draft may be incomplete (the designer saves work in progress);
 * publishing validates, compiles and freezes it into a numbered, hashed, immutable revision.
 */
import { compileDefinition, revisionHash, type CompiledRevision, type Definition, type Problem } from '../../workflows/dsl/index.ts';
import { audit } from './audit.ts';
import type { Database } from './database.ts';
import { checkDefinition } from './definitionCheck.ts';

interface DefinitionRow {
  id: string;
  name: string;
  lifecycle: string;
  draft: Definition;
  version: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
  latest_revision: number | null;
}

interface RevisionRow {
  definition_id: string;
  number: number;
  hash: string;
  compiled: CompiledRevision;
  draft: Definition;
  published_at: Date;
  published_by: string;
}

export interface StoredDefinition {
  id: string;
  version: number;
  definition: Definition;
  latestRevision: number | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface Revision {
  definitionId: string;
  number: number;
  hash: string;
  publishedAt: string;
  publishedBy: string;
}

export class NotFound extends Error {}
export class Conflict extends Error {}
export class Invalid extends Error {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[]) {
    super(message);
    this.problems = problems;
  }
}

const selectDefinition = `
  SELECT d.*, (SELECT max(number) FROM revisions r WHERE r.definition_id = d.id) AS latest_revision
  FROM definitions d`;

function toStored(row: DefinitionRow): StoredDefinition {
  return {
    id: row.id,
    version: row.version,
    definition: row.draft,
    latestRevision: row.latest_revision,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  };
}

function toRevision(row: RevisionRow): Revision {
  return { definitionId: row.definition_id, number: row.number, hash: row.hash, publishedAt: row.published_at.toISOString(), publishedBy: row.published_by };
}

export function createDefinitionStore(db: Database) {
  async function get(id: string): Promise<StoredDefinition> {
    const [row] = await db.query<DefinitionRow>(`${selectDefinition} WHERE d.id = $1`, [id]);
    if (!row) throw new NotFound(`no definition "${id}"`);
    return toStored(row);
  }

  return {
    get,

    async list(): Promise<StoredDefinition[]> {
      return (await db.query<DefinitionRow>(`${selectDefinition} ORDER BY d.name, d.id`)).map(toStored);
    },

    async create(definition: Definition, actor: string): Promise<StoredDefinition> {
      await db.transaction(async (tx) => {
        // ON CONFLICT rather than look-then-insert: two API processes creating the same id (seeding
        // the templates at start, say) get a Conflict, not a unique-violation error.
        const [inserted] = await tx.query<{ id: string }>(
          'INSERT INTO definitions (id, name, lifecycle, draft, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (id) DO NOTHING RETURNING id',
          [definition.id, definition.name, definition.lifecycle, JSON.stringify(definition), actor],
        );
        if (!inserted) throw new Conflict(`a definition with the id "${definition.id}" already exists`);
        await audit(tx, { actor, action: 'definition.create', targetType: 'definition', targetId: definition.id, details: { name: definition.name } });
      });
      return get(definition.id);
    },

    /** Saves a draft; `expectedVersion`, when given, must be the stored one (else Conflict). */
    async update(id: string, definition: Definition, actor: string, expectedVersion?: number): Promise<StoredDefinition> {
      if (definition.id !== id) throw new Invalid('the id in the body differs from the id in the path', [{ path: 'id', message: `expected "${id}"` }]);
      await db.transaction(async (tx) => {
        const [row] = await tx.query<{ version: number }>('SELECT version FROM definitions WHERE id = $1 FOR UPDATE', [id]);
        if (!row) throw new NotFound(`no definition "${id}"`);
        if (expectedVersion !== undefined && row.version !== expectedVersion) {
          throw new Conflict(`the definition was changed by someone else (version ${row.version}, yours ${expectedVersion}); reload it`);
        }
        await tx.query(
          'UPDATE definitions SET name = $2, lifecycle = $3, draft = $4, version = version + 1, updated_at = now(), updated_by = $5 WHERE id = $1',
          [id, definition.name, definition.lifecycle, JSON.stringify(definition), actor],
        );
        await audit(tx, { actor, action: 'definition.update', targetType: 'definition', targetId: id, details: { version: row.version + 1 } });
      });
      return get(id);
    },

    /**
     * Publishes the current draft. Publishing unchanged content returns the existing revision
     * instead of a duplicate, so a retried publish is harmless.
     */
    async publish(id: string, actor: string): Promise<{ revision: Revision; created: boolean }> {
      return db.transaction(async (tx) => {
        const [row] = await tx.query<{ draft: Definition }>('SELECT draft FROM definitions WHERE id = $1 FOR UPDATE', [id]);
        if (!row) throw new NotFound(`no definition "${id}"`);
        // The same check POST /api/definitions/validate answers with, so the two never disagree.
        const checked = await checkDefinition(tx, row.draft);
        if (!checked.valid) throw new Invalid(`the definition "${id}" has ${checked.problems.length} problem(s); fix them before publishing`, checked.problems);
        const compiled = compileDefinition(checked.definition);
        const hash = revisionHash(compiled);
        const [latest] = await tx.query<RevisionRow>('SELECT * FROM revisions WHERE definition_id = $1 ORDER BY number DESC LIMIT 1', [id]);
        if (latest?.hash === hash) return { revision: toRevision(latest), created: false };
        const number = (latest?.number ?? 0) + 1;
        const [inserted] = await tx.query<RevisionRow>(
          'INSERT INTO revisions (definition_id, number, hash, compiled, draft, published_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
          [id, number, hash, JSON.stringify(compiled), JSON.stringify(checked.definition), actor],
        );
        if (!inserted) throw new Error('the revision insert returned nothing');
        await audit(tx, { actor, action: 'definition.publish', targetType: 'definition', targetId: id, details: { revision: number, hash } });
        return { revision: toRevision(inserted), created: true };
      });
    },

    async revisions(id: string): Promise<Revision[]> {
      await get(id);
      return (await db.query<RevisionRow>('SELECT * FROM revisions WHERE definition_id = $1 ORDER BY number DESC', [id])).map(toRevision);
    },

    /** The revision to run: a given number, or the latest. */
    async revision(id: string, number?: number): Promise<Revision> {
      const rows =
        number === undefined
          ? await db.query<RevisionRow>('SELECT * FROM revisions WHERE definition_id = $1 ORDER BY number DESC LIMIT 1', [id])
          : await db.query<RevisionRow>('SELECT * FROM revisions WHERE definition_id = $1 AND number = $2', [id, number]);
      const [row] = rows;
      if (!row) throw new NotFound(number === undefined ? `definition "${id}" has no published revision` : `definition "${id}" has no revision ${number}`);
      return toRevision(row);
    },

    /** A published revision with what it holds: the draft as published (layout included) and the compiled form. */
    async revisionContent(id: string, number: number): Promise<Revision & { definition: Definition; compiled: CompiledRevision }> {
      const [row] = await db.query<RevisionRow>('SELECT * FROM revisions WHERE definition_id = $1 AND number = $2', [id, number]);
      if (!row) throw new NotFound(`definition "${id}" has no revision ${number}`);
      return { ...toRevision(row), definition: row.draft, compiled: row.compiled };
    },

    async compiledRevision(definitionId: string, number: number): Promise<CompiledRevision | undefined> {
      const [row] = await db.query<RevisionRow>('SELECT compiled FROM revisions WHERE definition_id = $1 AND number = $2', [definitionId, number]);
      return row?.compiled;
    },
  };
}

export type DefinitionStore = ReturnType<typeof createDefinitionStore>;
