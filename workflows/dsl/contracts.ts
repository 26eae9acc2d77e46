/**
 * Action contracts: what a published revision keeps of each action it uses, so that its runs never
 * depend on the catalog of the Tenure they happen to run on. A contract is the action's input schema
 * as JSON Schema (exactly what GET /api/actions served when the revision was published) and the hash
 * of that schema.
 *
 * A revision keeps one contract per action id, not one per node: every node of a revision that uses
 * an action was validated against the same declaration, so per-node copies would be identical, and
 * the compiled revision is recorded in the history of every run that loads it — a large schema
 * (entra.createUser) repeated for each step would cost every run's history for nothing.
 */
import { actionInputJsonSchema, type ActionDeclaration } from './catalog/index.ts';
import { contentHash } from './canonical.ts';

/** A JSON Schema as stored in a revision: plain JSON, read back from the database and from history. */
export type JsonSchemaObject = Record<string, unknown>;

export interface ActionContract {
  /** `sha256:<hex>` of the canonical JSON of `input`: two revisions pin the same contract when these are equal. */
  hash: string;
  /** The action's input schema, JSON Schema draft 2020-12 (its `$schema` says so). */
  input: JsonSchemaObject;
}

/** Contracts by action id. */
export type ActionContracts = Record<string, ActionContract>;

/** Declarations are immutable, so each one's contract is computed once per process (or workflow bundle). */
const computed = new WeakMap<ActionDeclaration, ActionContract>();

/** The contract an action declares today. */
export function actionContract(declaration: ActionDeclaration): ActionContract {
  const known = computed.get(declaration);
  if (known) return known;
  const input = actionInputJsonSchema(declaration);
  const contract = { hash: contentHash(input), input };
  computed.set(declaration, contract);
  return contract;
}

/**
 * The contracts of the given actions, keyed and ordered by action id. `findAction` answers with the
 * declarations to pin (the catalog's by default; a test may pass another version of it).
 */
export function pinContracts(actionIds: Iterable<string>, findAction: (id: string) => ActionDeclaration | undefined): ActionContracts {
  const contracts: ActionContracts = {};
  for (const id of [...new Set(actionIds)].sort()) {
    const declaration = findAction(id);
    if (!declaration) throw new Error(`unknown action "${id}": it has no contract to pin`);
    contracts[id] = actionContract(declaration);
  }
  return contracts;
}
