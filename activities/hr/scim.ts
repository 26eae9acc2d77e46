/**
 * SCIM write-back: the HR system's integration layer serves its workers as SCIM Users. The worker is
 * found by the connection's lookup attribute (`externalId eq "<employeeId>"` unless configured
 * otherwise, serialized by scim2-parse-filter and checked again on the answer), compared with what
 * the step wants, and sent one PATCH of only what differs — nothing at all when everything matches,
 * so running the step twice changes nothing the second time.
 *
 * The SCIM mechanics (client, filters, failures, attribute paths, PATCH operations) are the scim
 * connector's, imported: email is `emails[type eq "work"].value`, phone
 * `phoneNumbers[type eq "work"].value`, the UPN `userName` or a configured extension attribute.
 */
import { ApplicationFailure } from '@temporalio/common';
import { noteChanges } from '../audit.ts';
import { ClientPool } from '../pool.ts';
import { ScimClient } from '../scim/client.ts';
import { findOne, resourcePath } from '../scim/resources.ts';
import type { ScimConnection } from '../scim/settings.ts';
import { patchOperations, patchOpSchema, wantedAttributes, type Wanted } from '../scim/userAttributes.ts';
import type { HrScimConfig } from './settings.ts';

export interface ScimWriteBack {
  employeeId: string;
  email?: string | undefined;
  userPrincipalName?: string | undefined;
  phone?: string | undefined;
  attributes?: Record<string, string> | undefined;
}

/** Extra attribute names that would write what a named parameter (or the account state) owns. */
const reservedExtras = new Set(['active', 'email', 'workPhone']);

/**
 * The attributes the step wants, named as the step names them (`phone`, `userPrincipalName`, or the
 * extra attribute's own name), with their SCIM paths.
 */
function wantedOf(config: HrScimConfig, input: ScimWriteBack, nodeId: string): Wanted[] {
  const upnAttribute = config.userPrincipalNameAttribute;
  const extras = input.attributes ?? {};
  const refused = Object.keys(extras).filter((k) => reservedExtras.has(k) || k === upnAttribute);
  if (refused.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `step "${nodeId}": the extra attributes ${refused.map((k) => JSON.stringify(k)).join(', ')} would write what email, phone, userPrincipalName or the account state own; use those parameters instead`,
      'HrInvalidInput',
    );
  }
  const extension = (target: string, value: string) => `${target}=${value}`;
  const simple: Record<string, unknown> = {};
  const entries: string[] = [];
  if (input.email !== undefined) simple.email = input.email;
  if (input.phone !== undefined) simple.workPhone = input.phone;
  if (input.userPrincipalName !== undefined) {
    if (upnAttribute === 'userName') simple.userName = input.userPrincipalName;
    else entries.push(extension(upnAttribute, input.userPrincipalName));
  }
  for (const [name, value] of Object.entries(extras)) {
    if (name.startsWith('urn:')) entries.push(extension(name, value));
    else simple[name] = value;
  }
  const upnSchema = upnAttribute === 'userName' ? [] : [upnAttribute.slice(0, upnAttribute.lastIndexOf(':'))];
  const wanted = wantedAttributes({ ...simple, extensionAttributes: entries }, [...config.userSchemaExtensions, ...upnSchema]);

  const known = new Set(wanted.map((w) => w.name));
  const unknown = Object.keys(extras).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `step "${nodeId}": the HR SCIM service has no attribute ${unknown.map((k) => JSON.stringify(k)).join(', ')} Tenure can write; use a SCIM user attribute (title, displayName, department, employeeNumber…) or "<schema URN>:<attribute>" for an extension listed in the connection's userSchemaExtensions`,
      'HrInvalidInput',
    );
  }
  const stepName = (w: Wanted): string => {
    if (w.name === 'workPhone') return 'phone';
    if (w.name === 'userName' || w.name === upnAttribute) return 'userPrincipalName';
    return w.name;
  };
  return wanted.map((w) => ({ ...w, name: stepName(w) }));
}

export function scimWriter() {
  const pool = new ClientPool<ScimClient>();
  return async (connection: ScimConnection, config: HrScimConfig, input: ScimWriteBack, nodeId: string): Promise<{ changed: string[]; status: number | null }> => {
    const wanted = wantedOf(config, input, nodeId);
    const client = await pool.get(connection.id, connection.version, { create: async () => Promise.resolve(new ScimClient(connection)), close: async () => Promise.resolve() });
    const what = `writing back employee ${JSON.stringify(input.employeeId)} to the HR system`;
    const worker = await findOne(client, '/Users', config.lookupAttribute, input.employeeId, what);
    const missing = () =>
      ApplicationFailure.nonRetryable(
        `${what}: no worker in the HR system has ${config.lookupAttribute} ${JSON.stringify(input.employeeId)}; check the employee id, or the connection's lookupAttribute`,
        'HrWorkerNotFound',
      );
    if (!worker) throw missing();
    const { operations, changed, diff } = patchOperations(worker, wanted);
    if (operations.length === 0) return { changed: [], status: null };
    const answer = await client.send('PATCH', resourcePath('/Users', worker.id), what, [200, 204, 404], { body: { schemas: [patchOpSchema], Operations: operations } });
    if (answer.status === 404) throw missing();
    // Old values go to the audit log only, never into the output (and so the run's history).
    noteChanges(diff);
    return { changed, status: answer.status };
  };
}
