/**
 * The shape of an action declaration. Each action type is declared once — id, label, category,
 * connector, input and output schemas, whether it can be undone — and that declaration drives the
 * designer's palette and forms, the validator and the worker's dispatch (the activity registered
 * under the action's id).
 */
import type { z } from 'zod';
import type { RetryPolicy } from '../schema.ts';

export const connectorKinds = ['core', 'ad', 'ldap', 'entra', 'scim', 'email', 'http', 'hr'] as const;
export type ConnectorKind = (typeof connectorKinds)[number];

export interface ActionDeclaration<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** `<connector>.<operation>`; also the Temporal activity type the worker registers. */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** Palette group, e.g. "Accounts", "Groups", "Notifications", "Flow". */
  readonly category: string;
  /** Which kind of connection the action needs; `core` actions need none. */
  readonly connector: ConnectorKind;
  readonly input: I;
  readonly output: O;
  /** Whether a compensating action exists (e.g. disable undoes enable). */
  readonly undoable: boolean;
  /** Names of input fields that carry secrets: never logged, never shown in simulation. */
  readonly secretInputs?: readonly string[];
  /** Step defaults a node may override. */
  readonly defaults?: { readonly timeoutSeconds?: number; readonly retry?: RetryPolicy };
  /**
   * `callback`: the action starts something outside (an HTTP callout in launch-and-wait mode) and
   * its activity returns `{ callbackId, deadline }`; the run then waits for the callback carrying
   * that id, until the deadline, and the step's output gains `callback` (its payload).
   */
  readonly completion?: 'callback';
  /** Run variables the action's output assigns, e.g. core.setVariable. */
  readonly assigns?: (output: z.infer<O>) => Record<string, unknown>;
  /**
   * What the action does to the person's own account in the target, so the person workflow can
   * keep the person's linked accounts: `link` finds or changes it (its state unchanged), `create`
   * creates it (enabled or not, as `createsEnabled` says), `enable`, `disable`, `delete`.
   */
  readonly account?: AccountEffect;
  /** For `account: 'create'`: whether the new account can be used at once. */
  readonly createsEnabled?: (input: z.infer<I>) => boolean;
}

export const accountEffects = ['link', 'create', 'enable', 'disable', 'delete'] as const;
export type AccountEffect = (typeof accountEffects)[number];

/** Keeps the literal types of a declaration while checking it against the shape. */
export function declareAction<I extends z.ZodType, O extends z.ZodType>(d: ActionDeclaration<I, O>): ActionDeclaration<I, O> {
  return d;
}
