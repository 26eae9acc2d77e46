/**
 * What publishing a definition would refuse, in one place: the validator's problems (shape, graph,
 * parameters) and the problems of the connections its steps name (missing, of another kind, or no
 * longer usable). The validate route, the stored drafts' problems and publish all call this, so the
 * designer never says "no problems" about a draft publish refuses.
 */
import { findConnector } from '../../activities/connectors.ts';
import { definitionSchema, findAction, validateDefinition, type Definition, type Problem } from '../../workflows/dsl/index.ts';
import type { Queryable } from './database.ts';

export type DefinitionCheck = { valid: true; definition: Definition; problems: [] } | { valid: false; problems: Problem[] };

interface ConnectionRow {
  id: string;
  kind: string;
  config: unknown;
}

/** Why a stored connection cannot be used by any step, or undefined when it can. */
function unusable(row: ConnectionRow): string | undefined {
  const connector = findConnector(row.kind);
  if (!connector) return `Connection "${row.id}" is of kind ${row.kind}, which this Tenure has no connector for; choose another connection.`;
  const config = connector.config.safeParse(row.config);
  if (config.success) return undefined;
  const issue = config.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')}: ${issue.message})` : '';
  return `Connection "${row.id}" cannot be used: its settings no longer match the ${row.kind} connector${where}; edit the connection.`;
}

/**
 * Every step's connection must exist, be of the kind its action works on, and hold settings its
 * connector accepts. A draft may name a connection not created yet: saving allows it, publishing not.
 */
async function connectionProblems(db: Queryable, definition: Definition): Promise<Problem[]> {
  const used = definition.nodes.flatMap((node, index) => (node.type === 'action' && node.data.connectionId !== undefined ? [{ node, index, connectionId: node.data.connectionId }] : []));
  if (used.length === 0) return [];
  const rows = await db.query<ConnectionRow>('SELECT id, kind, config FROM connections WHERE id = ANY($1)', [[...new Set(used.map((u) => u.connectionId))]]);
  const stored = new Map(rows.map((r) => [r.id, r]));
  const problems: Problem[] = [];
  for (const { node, index, connectionId } of used) {
    const path = `nodes[${index}].data.connectionId`;
    const row = stored.get(connectionId);
    const wanted = findAction(node.data.action)?.connector;
    if (row === undefined) {
      problems.push({ nodeId: node.id, path, message: `There is no connection "${connectionId}": create it (Connections) or choose another.` });
      continue;
    }
    if (wanted !== undefined && row.kind !== wanted) {
      problems.push({ nodeId: node.id, path, message: `Connection "${connectionId}" is of kind ${row.kind}; this step needs one of kind ${wanted}.` });
      continue;
    }
    const why = unusable(row);
    if (why !== undefined) problems.push({ nodeId: node.id, path, message: why });
  }
  return problems;
}

/**
 * All problems at once: the connections are checked whenever the draft has the shape of a
 * definition, even when its graph has problems too, so fixing one list never reveals another.
 */
export async function checkDefinition(db: Queryable, input: unknown): Promise<DefinitionCheck> {
  const validated = validateDefinition(input);
  const shaped = validated.valid ? validated.definition : definitionSchema.safeParse(input).data;
  const connections = shaped === undefined ? [] : await connectionProblems(db, shaped);
  if (validated.valid && connections.length === 0) return validated;
  return { valid: false, problems: [...validated.problems, ...connections] };
}
