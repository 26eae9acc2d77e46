/**
 * The definition schema: the one declaration of what a lifecycle definition is. TypeScript types,
 * the API's JSON Schemas, the designer's forms and the validator all derive from these zod objects.
 *
 * Node and edge shapes follow React Flow (`id`, `type`, `position`, `data`; `source`,
 * `sourceHandle`, `target`) so the canvas loads and saves drafts without translation. This file only
 * describes shapes; graph rules (reachability, handles, cycles) live in validate.ts.
 */
import { z } from 'zod';
import { approvalDataSchema } from './approval.ts';
import { durationSchema, identifier } from './primitives.ts';
import { defaultOperatorWaitHours, maxOperatorWaitHours, minOperatorWaitHours } from './operatorWait.ts';

export { durationSchema, identifier, type Duration } from './primitives.ts';
export * from './approval.ts';

export const lifecycleKinds = ['joiner', 'mover', 'leaver', 'rehire', 'custom'] as const;
export const hrEventTypes = ['hire', 'update', 'terminate', 'rehire', 'cancel'] as const;
/**
 * What a trigger can start on: the HR events, and `managerReady`, which no HR system sends. The person
 * workflow raises it for each person whose `managerId` names someone whose Joiner or Rehire has just
 * succeeded (their accounts exist now), so a report hired before their manager gets the manager set.
 */
export const triggerEventTypes = [...hrEventTypes, 'managerReady'] as const;
export type TriggerEventType = (typeof triggerEventTypes)[number];

/**
 * An action parameter: a JSON constant, or an expression in the mapping language evaluated against
 * the person and the run when the step executes.
 */
export const paramValueSchema = z.union([
  z.strictObject({ expression: z.string().min(1).max(10_000) }),
  z.string().max(100_000),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
]);
export type ParamValue = z.infer<typeof paramValueSchema>;

export const retryPolicySchema = z.strictObject({
  maximumAttempts: z.number().int().min(1).max(100).optional(),
  initialIntervalSeconds: z.number().min(0.1).max(3600).optional(),
  backoffCoefficient: z.number().min(1).max(10).optional(),
  maximumIntervalSeconds: z.number().min(1).max(86_400).optional(),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

/**
 * json-rules-engine conditions, kept as the JSON the engine runs. The shape is checked here so a
 * malformed rule is refused at the API; the engine itself interprets operators and paths.
 */
export interface ConditionLeaf {
  fact: string;
  operator: string;
  value: unknown;
  path?: string | undefined;
  params?: Record<string, unknown> | undefined;
}
export type Condition =
  | ConditionLeaf
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
export type TopLevelCondition = { all: Condition[] } | { any: Condition[] } | { not: Condition };

const leafSchema = z.strictObject({
  fact: z.string().min(1).max(200),
  operator: z.string().min(1).max(50),
  value: z.unknown(),
  path: z.string().max(500).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    leafSchema,
    z.strictObject({ all: z.array(conditionSchema).max(200) }),
    z.strictObject({ any: z.array(conditionSchema).max(200) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

/** How deep `all`, `any` and `not` may nest in one rule (the outermost counts as 1). */
export const maxConditionDepth = 20;

/**
 * How deep a condition tree nests, counted without recursion (a hostile tree may be thousands of
 * levels deep), stopping once past `limit`.
 */
function conditionDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined || typeof next.node !== 'object' || next.node === null) continue;
    const { node, depth } = next;
    const groups = Object.entries(node).filter(([key]) => key === 'all' || key === 'any' || key === 'not');
    if (groups.length === 0) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const [, inner] of groups) {
      const children: unknown[] = Array.isArray(inner) ? inner : [inner];
      for (const child of children) pending.push({ node: child, depth: depth + 1 });
    }
  }
  return deepest;
}

/**
 * A rule's conditions. The depth is checked before the recursive schema reads the tree, so a
 * tree nested past the limit is refused with the limit, never read deep enough to overflow the stack.
 */
export const topLevelConditionSchema: z.ZodType<TopLevelCondition> = z.preprocess(
  (value, ctx) => {
    if (conditionDepth(value, maxConditionDepth) > maxConditionDepth) {
      ctx.addIssue({ code: 'custom', message: `the conditions nest deeper than ${maxConditionDepth} levels of all/any/not, the limit; flatten the rule or split it into several rules` });
    }
    return value;
  },
  z.union([
    z.strictObject({ all: z.array(conditionSchema).max(200) }),
    z.strictObject({ any: z.array(conditionSchema).max(200) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

export const position = z.strictObject({ x: z.number(), y: z.number() });
const label = z.string().max(200).optional();
const description = z.string().max(2000).optional();

/** Fields React Flow adds to nodes it has rendered; accepted so drafts round-trip, never compiled. */
const canvasFields = {
  position,
  width: z.number().optional(),
  height: z.number().optional(),
  measured: z.strictObject({ width: z.number().optional(), height: z.number().optional() }).optional(),
  selected: z.boolean().optional(),
  dragging: z.boolean().optional(),
};

function nodeSchema<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.strictObject({ id: identifier, type: z.literal(type), data, ...canvasFields });
}

export const startNodeSchema = nodeSchema('start', z.strictObject({ label, description }));

export const actionNodeSchema = nodeSchema(
  'action',
  z.strictObject({
    label,
    description,
    action: z.string().min(1).max(100),
    connectionId: identifier.optional(),
    params: z.record(z.string().max(100), paramValueSchema).default({}),
    retry: retryPolicySchema.optional(),
    timeoutSeconds: z.number().int().min(1).max(86_400).optional(),
    continueOnError: z.boolean().optional(),
    /**
     * After its retries, the step waits for an operator to retry, skip or give up on it (for
     * operatorWaitHours, 7 days unless set) instead of failing the run; its error edge is taken once
     * the operator gives up or nobody answered. Continue-on-error takes precedence over waiting.
     */
    waitForOperator: z.boolean().optional().describe('When the step fails, wait for an operator to retry or skip it instead of failing the run or taking its error edge.'),
    /** Fractions allowed (0.5 is half an hour); at least 36 seconds, at most 30 days. */
    operatorWaitHours: z
      .number()
      .min(minOperatorWaitHours, `wait at least ${minOperatorWaitHours} hours (36 seconds)`)
      .max(maxOperatorWaitHours, `wait at most ${maxOperatorWaitHours} hours (30 days)`)
      .optional()
      .describe(`With waitForOperator: how many hours the failed step waits for an operator before it fails after all (${defaultOperatorWaitHours}, 7 days, unless set; fractions allowed).`),
  }),
);

export const decisionRuleSchema = z.strictObject({
  outcome: identifier.refine((o) => o !== 'default', '"default" is reserved for when no rule matches'),
  label,
  conditions: topLevelConditionSchema,
});
export const decisionNodeSchema = nodeSchema(
  'decision',
  z.strictObject({ label, description, rules: z.array(decisionRuleSchema).max(50) }),
);

export const waitSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('duration'), duration: durationSchema }),
  z.strictObject({
    kind: z.literal('until'),
    /** The person attribute holding the date, e.g. `hireDate`. */
    attribute: z.string().min(1).max(200),
    offsetDays: z.number().int().min(-3650).max(3650).default(0),
    /** Local time of day to resume, `HH:mm`; midnight when absent. */
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:mm, 24-hour').optional(),
    /** IANA time zone the date and time are read in; UTC when absent. */
    timeZone: z.string().min(1).max(100).optional(),
  }),
]);
export type WaitSpec = z.infer<typeof waitSpecSchema>;
export const waitNodeSchema = nodeSchema('wait', z.strictObject({ label, description, wait: waitSpecSchema }));

/** Approvals: who decides, in which stages, by when; the shapes live in approval.ts. */
export const approvalNodeSchema = nodeSchema('approval', approvalDataSchema);

export const parallelNodeSchema = nodeSchema('parallel', z.strictObject({ label, description }));
export const joinNodeSchema = nodeSchema('join', z.strictObject({ label, description }));
export const endNodeSchema = nodeSchema(
  'end',
  z.strictObject({ label, description, outcome: z.enum(['succeeded', 'failed']).default('succeeded') }),
);

export const nodeSchemaUnion = z.discriminatedUnion('type', [
  startNodeSchema,
  actionNodeSchema,
  decisionNodeSchema,
  waitNodeSchema,
  approvalNodeSchema,
  parallelNodeSchema,
  joinNodeSchema,
  endNodeSchema,
]);
export type DefinitionNode = z.infer<typeof nodeSchemaUnion>;
export type NodeType = DefinitionNode['type'];
export type NodeOfType<T extends NodeType> = Extract<DefinitionNode, { type: T }>;

export const edgeSchema = z.strictObject({
  id: identifier,
  source: identifier,
  /** The handle the edge leaves: `next`, a rule outcome, `default`, `approved | rejected | timeout`, `error`. */
  sourceHandle: z.string().min(1).max(100).nullish(),
  target: identifier,
  targetHandle: z.string().max(100).nullish(),
  type: z.string().max(50).optional(),
  label: z.string().max(200).optional(),
  selected: z.boolean().optional(),
  animated: z.boolean().optional(),
});
export type DefinitionEdge = z.infer<typeof edgeSchema>;

export const triggerSchema = z.strictObject({
  events: z.array(z.enum(triggerEventTypes)).max(triggerEventTypes.length).default([]),
  /** Who: a rule over the person's attributes; everyone when absent. */
  scope: topLevelConditionSchema.optional(),
  /** Movers: run only when one of these attributes changed. */
  changedAttributes: z.array(z.string().min(1).max(200)).max(100).optional(),
  /** When: relative to a date attribute, e.g. 7 days before `hireDate`. */
  date: z.strictObject({ attribute: z.string().min(1).max(200), offsetDays: z.number().int().min(-3650).max(3650) }).optional(),
});
export type Trigger = z.infer<typeof triggerSchema>;

export const definitionSchema = z.strictObject({
  id: identifier,
  name: z.string().min(1).max(200),
  description,
  lifecycle: z.enum(lifecycleKinds),
  trigger: triggerSchema.default({ events: [] }),
  nodes: z.array(nodeSchemaUnion).max(2000),
  edges: z.array(edgeSchema).max(5000),
  viewport: z.strictObject({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
});
export type Definition = z.infer<typeof definitionSchema>;
export type DefinitionInput = z.input<typeof definitionSchema>;
