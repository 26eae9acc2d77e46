/**
 * hr.writeBack: loads the step's hr connection (secrets decrypted here, never in the workflow),
 * parses the step's input with the action's declaration, and writes back by the connection's mode.
 */
import { ApplicationFailure } from '@temporalio/common';
import { hrWriteBack } from '../../workflows/dsl/catalog/hr.ts';
import { typedConnection } from '../connections.ts';
import type { ActivityDeps } from '../deps.ts';
import { parseInput, requireConnection } from '../email/input.ts';
import type { ActionImplementation } from '../types.ts';
import { hrConnector } from './connector.ts';
import { scimWriter } from './scim.ts';
import { scimConnectionOf, webhookSecretsOf, type HrConnection } from './settings.ts';
import { postWriteBack } from './webhook.ts';

const invalid = (connectionId: string, problem: string) =>
  ApplicationFailure.nonRetryable(`connection "${connectionId}" cannot be used for ${hrWriteBack.id}: ${problem}; edit the connection`, 'HrConnectionInvalid');

export function writeBackImplementation(deps: ActivityDeps): ActionImplementation {
  const writeScim = scimWriter();
  return async ({ runId, nodeId, connectionId, input }) => {
    const args = parseInput(hrWriteBack.input, input, hrWriteBack.id);
    const loaded = await requireConnection(deps, connectionId, hrWriteBack.id);
    let connection: HrConnection;
    try {
      connection = typedConnection(hrConnector, loaded);
    } catch (error) {
      // A zod message could quote a stored secret; say only which connection to fix.
      throw invalid(loaded.id, error instanceof Error && error.name !== 'ZodError' ? error.message : "it no longer matches the hr connector's settings");
    }
    const { config } = connection;

    if (config.mode === 'webhook') {
      const secrets = webhookSecretsOf(connection.secrets);
      if (!secrets.ok) throw invalid(connection.id, secrets.problem);
      const attributes: Record<string, string> = {};
      if (args.email !== undefined) attributes.email = args.email;
      if (args.userPrincipalName !== undefined) attributes.userPrincipalName = args.userPrincipalName;
      if (args.phone !== undefined) attributes.phone = args.phone;
      // Sorted, so the same step input always makes the same document.
      for (const name of Object.keys(args.attributes ?? {}).sort()) attributes[name] = args.attributes?.[name] ?? '';
      const { status } = await postWriteBack(connection.id, connection.version, config, secrets.secrets, connection.secrets, { employeeId: args.employeeId, attributes, runId, nodeId });
      return { mode: 'webhook', changed: Object.keys(attributes), status };
    }

    const scim = scimConnectionOf({ ...connection, config });
    if (!scim.ok) throw invalid(connection.id, scim.problem);
    const { changed, status } = await writeScim(scim.connection, config, args, nodeId);
    return { mode: 'scim', changed, status };
  };
}
