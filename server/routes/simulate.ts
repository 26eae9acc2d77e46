/**
 * POST /api/simulate: a dry run of a draft (as the designer holds it) or of a published revision,
 * for a sample person and event. It answers the path taken, each decision with its facts, the
 * computed parameters, wait end dates, approvers, and the exact operations a real run would send;
 * nothing is written to any target and no workflow is started.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compileDefinition, identifier, validateDefinition, type CompiledRevision, type Definition } from '../../workflows/dsl/index.ts';
import { approvalOutcomeChoice, checkTrigger, simulatedEventSchema, simulateRun } from '../../workflows/dsl/simulate.ts';
import type { AppDeps } from '../app.ts';
import type { Queryable } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';

const simulateBody = z.strictObject({
  /** A draft definition, checked by the validator before it runs. */
  definition: z.unknown().optional(),
  /** Or a stored definition's published revision (the latest when `revision` is absent). */
  definitionId: identifier.optional(),
  revision: z.number().int().min(1).optional(),
  person: z.strictObject({
    employeeId: z.string().min(1).max(200).optional(),
    attributes: z.record(z.string().max(200), z.unknown()).default({}),
  }),
  event: simulatedEventSchema.optional(),
  approvalOutcome: approvalOutcomeChoice.optional(),
  /** When the simulated run starts; now when absent. */
  now: z.iso.datetime({ offset: true }).optional(),
});

interface RevisionRow {
  number: number;
  hash: string;
  compiled: CompiledRevision;
  draft: Definition;
}

/**
 * A published revision with the draft it was published from (layout included), so the designer
 * can draw the graph a run pinned. Read here because the store only hands out the compiled form.
 */
async function publishedRevision(db: Queryable, definitionId: string, number: number | undefined): Promise<RevisionRow> {
  const rows =
    number === undefined
      ? await db.query<RevisionRow>('SELECT number, hash, compiled, draft FROM revisions WHERE definition_id = $1 ORDER BY number DESC LIMIT 1', [definitionId])
      : await db.query<RevisionRow>('SELECT number, hash, compiled, draft FROM revisions WHERE definition_id = $1 AND number = $2', [definitionId, number]);
  const [row] = rows;
  if (!row) {
    throw new ApiError(
      404,
      'not_found',
      number === undefined ? `definition "${definitionId}" has no published revision; publish it or simulate the draft` : `definition "${definitionId}" has no revision ${number}`,
    );
  }
  return row;
}

export const simulateRoutes =
  ({ db }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/simulate', { schema: { body: simulateBody } }, async (request) => {
      const body = request.body;
      const hasDraft = body.definition !== undefined;
      if (hasDraft === (body.definitionId !== undefined)) {
        throw new ApiError(400, 'invalid_request', 'send either "definition" (a draft) or "definitionId" (with an optional "revision"), not both or neither', [
          { path: 'body.definition', message: 'exactly one of definition and definitionId' },
        ]);
      }
      if (hasDraft && body.revision !== undefined) {
        throw new ApiError(400, 'invalid_request', '"revision" goes with "definitionId"; a draft has no revision number', [{ path: 'body.revision', message: 'only with definitionId' }]);
      }

      let compiled: CompiledRevision;
      let revision: { definitionId: string; number: number; hash: string; definition: Definition } | undefined;
      if (hasDraft) {
        const checked = validateDefinition(body.definition);
        if (!checked.valid) {
          throw new ApiError(400, 'invalid_definition', `the definition has ${checked.problems.length} problem(s); fix them before simulating`, checked.problems);
        }
        compiled = compileDefinition(checked.definition);
      } else {
        const definitionId = body.definitionId ?? '';
        const row = await publishedRevision(db, definitionId, body.revision);
        compiled = row.compiled;
        revision = { definitionId, number: row.number, hash: row.hash, definition: row.draft };
      }

      // As in a real run, the employee id is an attribute too (see workflows/lifecycle.ts).
      const attributes = body.person.employeeId !== undefined ? { ...body.person.attributes, employeeId: body.person.employeeId } : body.person.attributes;
      const now = body.now === undefined ? new Date() : new Date(body.now);
      const [trigger, result] = await Promise.all([
        checkTrigger(compiled.trigger, attributes, body.event),
        simulateRun(compiled, { attributes }, { now, ...(body.approvalOutcome !== undefined ? { approvalOutcome: body.approvalOutcome } : {}) }),
      ]);
      return {
        ...result,
        problems: [],
        trigger,
        startedAt: now.toISOString(),
        ...(body.person.employeeId !== undefined ? { employeeId: body.person.employeeId } : {}),
        ...(revision !== undefined ? { revision } : {}),
      };
    });
    return Promise.resolve();
  };
