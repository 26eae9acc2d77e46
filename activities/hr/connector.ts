/** The hr connector: what a connection for HR write-back holds, and how it is tested. */
import { declareConnector } from '../connections.ts';
import { testHrConnection } from './connectionTest.ts';
import { hrConfigSchema, hrSecretsSchema } from './settings.ts';

export const hrConnector = declareConnector({
  kind: 'hr',
  label: 'HR system (write-back)',
  config: hrConfigSchema,
  secrets: hrSecretsSchema,
  test: testHrConnection,
});
