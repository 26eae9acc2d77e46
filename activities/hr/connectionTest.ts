/**
 * Testing an hr connection stage by stage, stopping at the first failure and naming it:
 * - webhook: config (the signing secret is there) → dns → tcp → tls (https) → http (a signed test
 *   POST, since write-back receivers are POST-only and may answer OPTIONS with 501: webhookProbe.ts;
 *   the test document names no employee, so a test never changes HR data).
 * - scim: config → the scim connector's stages (dns → tcp → tls → http → auth) → permission: a
 *   search for a worker by the connection's lookup attribute is allowed and understood.
 * Details never contain a secret.
 */
import type { Connection, TestReport, TestStep } from '../connections.ts';
import { probeEndpoint } from '../http/probe.ts';
import { ScimClient } from '../scim/client.ts';
import { testScimConnection } from '../scim/connectionTest.ts';
import { scimErrorOf } from '../scim/failures.ts';
import { equals } from '../scim/filters.ts';
import { scimConnectionOf, webhookSecretsOf, type HrConfig, type HrSecrets, type HrScimConfig } from './settings.ts';
import { signedPostStage } from './webhookProbe.ts';

const failed = (step: TestStep): TestReport => ({ ok: false, steps: [step] });

export async function testHrConnection(connection: Connection<HrConfig, HrSecrets>): Promise<TestReport> {
  const { config } = connection;
  if (config.mode === 'webhook') {
    const secrets = webhookSecretsOf(connection.secrets);
    if (!secrets.ok) return failed({ step: 'config', ok: false, detail: secrets.problem });
    const configured: TestStep = { step: 'config', ok: true, detail: `signed POSTs to ${config.url}${secrets.secrets.bearerToken !== undefined ? ' with a bearer token' : ''}` };
    const probed = await probeEndpoint(config, signedPostStage(config, secrets.secrets, connection.secrets));
    return { ok: probed.ok, steps: [configured, ...probed.steps] };
  }
  return testScim(connection, config);
}

async function testScim(connection: Connection<HrConfig, HrSecrets>, config: HrScimConfig): Promise<TestReport> {
  const scim = scimConnectionOf({ ...connection, config });
  if (!scim.ok) return failed({ step: 'config', ok: false, detail: scim.problem });
  const reached = await testScimConnection(scim.connection);
  // The scim connector's permission stage is about groups, which write-back never touches.
  const steps = reached.steps.filter((s) => s.step !== 'permission');
  if (!steps.every((s) => s.ok)) return { ok: false, steps };

  const client = new ScimClient(scim.connection);
  const attribute = config.lookupAttribute;
  let step: TestStep;
  try {
    const answer = await client.send('GET', '/Users', `searching workers by ${attribute}`, [200, 400, 403], { query: { filter: equals(attribute, 'tenure-connection-test'), count: '1' } });
    const { detail } = scimErrorOf(answer.body);
    const said = detail !== undefined ? ` (${client.redact(detail.slice(0, 200))})` : '';
    step =
      answer.status === 200
        ? { step: 'permission', ok: true, detail: `may search workers by ${attribute}` }
        : answer.status === 403
          ? { step: 'permission', ok: false, detail: `not allowed to search workers (403)${said}: grant the client read and write access to users in the HR integration` }
          : { step: 'permission', ok: false, detail: `the service cannot search workers by ${attribute} (400)${said}: set the connection's lookupAttribute to the attribute holding the employee id` };
  } catch (error) {
    step = { step: 'permission', ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
  steps.push(step);
  return { ok: steps.every((s) => s.ok), steps };
}
