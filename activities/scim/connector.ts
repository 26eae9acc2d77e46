/** The scim connector: what a connection to a SCIM 2.0 app holds, and how it is tested. */
import { declareConnector } from '../connections.ts';
import { testScimConnection } from './connectionTest.ts';
import { scimConfigSchema, scimSecretsSchema } from './settings.ts';

export const scimConnector = declareConnector({
  kind: 'scim',
  label: 'SCIM 2.0 app',
  config: scimConfigSchema,
  secrets: scimSecretsSchema,
  test: testScimConnection,
});
