/**
 * The action catalog: every action type Tenure can run, aggregated from one declaration file per
 * connector. Adding an action means adding its declaration here and its implementation under
 * activities/; a test proves the two lists match.
 */
import { z } from 'zod';
import { adActions } from './ad.ts';
import { coreLog, coreSetVariable } from './core.ts';
export { setVariableOutput } from './core.ts';
import type { ActionDeclaration } from './declare.ts';
import { emailActions } from './email.ts';
import { entraActions } from './entra.ts';
import { hrActions } from './hr.ts';
import { httpActions } from './http.ts';
import { ldapActions } from './ldap.ts';
import { scimActions } from './scim.ts';

export type { ActionDeclaration, ConnectorKind } from './declare.ts';
export { connectorKinds, declareAction } from './declare.ts';

export const actionCatalog: readonly ActionDeclaration[] = [
  coreLog,
  coreSetVariable,
  ...adActions,
  ...ldapActions,
  ...entraActions,
  ...scimActions,
  ...emailActions,
  ...httpActions,
  ...hrActions,
];

const byId = new Map(actionCatalog.map((a) => [a.id, a]));

export function findAction(id: string): ActionDeclaration | undefined {
  return byId.get(id);
}

/**
 * An action's input as JSON Schema: what the API serves, and the contract a published revision pins
 * (workflows/dsl/contracts.ts). Checks JSON Schema cannot express (refinements, transforms) are left out.
 */
export function actionInputJsonSchema(declaration: ActionDeclaration): Record<string, unknown> {
  return z.toJSONSchema(declaration.input, { io: 'input', unrepresentable: 'any' });
}

/** The catalog as the API serves it: JSON Schemas instead of zod objects. */
export function describeCatalog() {
  return actionCatalog.map((a) => ({
    id: a.id,
    label: a.label,
    description: a.description,
    category: a.category,
    connector: a.connector,
    undoable: a.undoable,
    secretInputs: a.secretInputs ?? [],
    input: actionInputJsonSchema(a),
    output: z.toJSONSchema(a.output, { io: 'output', unrepresentable: 'any' }),
  }));
}
