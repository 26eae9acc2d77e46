/**
 * Every provisioning operation leaves an audit entry: which run, which step, which target and
 * object, what changed (before and after where the operation knows), and how it ended. The worker
 * wraps the action implementations once (activities/index.ts), so no connector can forget.
 *
 * What an operation changed travels from the connector to the audit through an AsyncLocalStorage
 * (`noteChanges`), not through the action's output: outputs go into the Temporal history, and old
 * values of attributes have no business there. Secrets never reach the entry: inputs the declaration
 * marks as secret, and any field whose name says password, secret or token, are redacted.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { asyncLocalStorage } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { findAction } from '../workflows/dsl/index.ts';
import type { ActionCall, ActionImplementations } from './types.ts';

/** One entry as the worker hands it to the audit sink (the server adds the run's person and requester). */
export interface ProvisioningAudit {
  runId: string;
  /** `provision.<actionId>` */
  action: string;
  /** The connector kind (ad, ldap, entra, scim, email, http, hr). */
  targetType: string;
  /** The connection id, or the connector kind when the step named none. */
  targetId: string;
  details: Record<string, unknown>;
}

export type ProvisioningAuditSink = (entry: ProvisioningAudit) => Promise<void>;

export interface AttributeChange {
  attribute: string;
  before: unknown;
  after: unknown;
}

const trail = new AsyncLocalStorage<{ changes: AttributeChange[] }>();

/** Called by a connector's update code: what it changed, old and new values. A no-op outside an audited call. */
export function noteChanges(changes: readonly AttributeChange[]): void {
  trail.getStore()?.changes.push(...changes);
}

/** Reads only: they change nothing in the target, and auditing each would bury the changes. */
const isRead = (actionId: string) => /\.(find[A-Z]\w*|isValueFree|freeValues)$/.test(actionId);

const secretName = /password|passcode|pwd|secret|token|credential|accessPass|authorization|api[-_]?key/i;
const redacted = '[redacted]';

function redact(value: unknown, secretKeys: ReadonlySet<string>, depth = 0): unknown {
  if (depth > 8) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((v) => redact(v, secretKeys, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, (depth === 0 && secretKeys.has(k)) || secretName.test(k) ? redacted : redact(v, secretKeys, depth + 1)]),
    );
  }
  return value;
}

/** The object the operation touched, as the target names it. */
function objectOf(call: ActionCall, output: unknown): string | undefined {
  for (const source of [output, call.input]) {
    if (typeof source !== 'object' || source === null) continue;
    for (const key of ['dn', 'id', 'userPrincipalName', 'anchor', 'userName', 'to']) {
      const v: unknown = Reflect.get(source, key);
      if (typeof v === 'string' && v !== '') return v;
    }
  }
  return undefined;
}

/** What the output says happened, without its values (an output may carry a temporary pass). */
function effectOf(output: unknown): Record<string, unknown> {
  if (typeof output !== 'object' || output === null) return {};
  const effect: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(output)) {
    if (typeof v === 'boolean') effect[k] = v;
    else if (k === 'changed' && Array.isArray(v) && v.every((x) => typeof x === 'string')) effect[k] = v;
  }
  return effect;
}

/** The attempt of the activity being run; undefined for a direct call (tests, tools), outside any activity. */
const attemptOf = (): number | undefined => asyncLocalStorage.getStore()?.info.attempt;

/** Wraps every connector action with its audit entry; core actions and reads pass through. */
export function auditProvisioning(sink: ProvisioningAuditSink | undefined, implementations: ActionImplementations): ActionImplementations {
  if (!sink) return implementations;
  return Object.fromEntries(
    Object.entries(implementations).map(([id, implementation]) => {
      const declaration = findAction(id);
      if (!declaration || declaration.connector === 'core' || isRead(id)) return [id, implementation];
      const secretKeys = new Set(declaration.secretInputs ?? []);
      const audited = async (call: ActionCall): Promise<unknown> => {
        const store: { changes: AttributeChange[] } = { changes: [] };
        const entry = (outcome: Record<string, unknown>, output?: unknown): ProvisioningAudit => {
          const object = objectOf(call, output);
          const attempt = attemptOf();
          return {
            runId: call.runId,
            action: `provision.${id}`,
            targetType: declaration.connector,
            targetId: call.connectionId ?? declaration.connector,
            details: {
              runId: call.runId,
              nodeId: call.nodeId,
              ...(object !== undefined ? { object } : {}),
              input: redact(call.input, secretKeys),
              ...(store.changes.length > 0 ? { changes: store.changes.map((c) => (secretName.test(c.attribute) ? { attribute: c.attribute, before: redacted, after: redacted } : redact(c, new Set()))) } : {}),
              ...effectOf(output),
              ...(attempt !== undefined ? { attempt } : {}),
              ...outcome,
            },
          };
        };
        let output: unknown;
        try {
          output = await trail.run(store, () => implementation(call));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await sink(entry({ outcome: 'error', message })).catch((auditError: unknown) => {
            // The operation's own failure is what the run must see; the missing entry goes to the log.
            console.error(`tenure: could not audit the failure of ${id} in run ${call.runId}: ${auditError instanceof Error ? auditError.message : String(auditError)}`);
          });
          throw error;
        }
        try {
          await sink(entry({ outcome: 'ok' }, output));
        } catch (auditError) {
          // Unaudited provisioning is not acceptable: fail the attempt; the operation is idempotent, so the retry converges and is audited.
          throw ApplicationFailure.retryable(`${id} succeeded but its audit entry could not be written (${auditError instanceof Error ? auditError.message : String(auditError)}); retrying once the database is reachable`, 'AuditUnavailable');
        }
        return output;
      };
      return [id, audited];
    }),
  );
}
