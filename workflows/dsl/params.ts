/**
 * Evaluates an action node's parameters: constants pass through, expressions are evaluated against
 * the person's attributes, the run's variables (`[vars.name]`) and earlier steps' outputs
 * (`[steps.nodeId.field]`). A parameter whose expression says IgnoreFlowIfNullOrEmpty is left out.
 */
import { evaluateExpression, parseExpression } from './expressions/index.ts';
import type { ParamValue } from './schema.ts';

export interface ParamContext {
  attributes: Readonly<Record<string, unknown>>;
  vars: Readonly<Record<string, unknown>>;
  steps: Readonly<Record<string, unknown>>;
  now: Date;
  random: () => number;
  /**
   * Whether `value` is free for parameter `param` in the step's target (SelectUniqueValue), given
   * the parameters evaluated so far (the anchor, so a rerun keeps its own name).
   */
  isUnique?: (param: string, value: string, evaluated: Readonly<Record<string, unknown>>) => Promise<boolean>;
}

/** The names an expression can read, flattened: `department`, `vars.x`, `steps.create.dn`. */
export function expressionAttributes(ctx: Pick<ParamContext, 'attributes' | 'vars' | 'steps'>): Record<string, unknown> {
  const flat: Record<string, unknown> = { ...ctx.attributes };
  for (const [k, v] of Object.entries(ctx.vars)) flat[`vars.${k}`] = v;
  for (const [id, output] of Object.entries(ctx.steps)) {
    if (typeof output !== 'object' || output === null || Array.isArray(output)) continue;
    for (const [k, v] of Object.entries(output)) flat[`steps.${id}.${k}`] = v;
  }
  return flat;
}

export async function evaluateParams(
  params: Readonly<Record<string, ParamValue>>,
  ctx: ParamContext,
): Promise<{ values: Record<string, unknown>; redacted: string[] }> {
  const values: Record<string, unknown> = {};
  const redacted: string[] = [];
  const attributes = expressionAttributes(ctx);
  // The anchor first: uniqueness checks compare against everyone but the person themselves.
  const ordered = Object.entries(params).sort(([a], [b]) => Number(b === 'anchor') - Number(a === 'anchor'));
  for (const [name, param] of ordered) {
    if (param === null || typeof param !== 'object' || Array.isArray(param)) {
      values[name] = param;
      continue;
    }
    const parsed = parseExpression(param.expression);
    if (!parsed.ok) throw new Error(`parameter "${name}": ${parsed.error.message} (line ${parsed.error.line}, column ${parsed.error.column})`);
    const result = await evaluateExpression(parsed.ast, {
      attributes,
      now: ctx.now,
      random: ctx.random,
      ...(ctx.isUnique ? { isUnique: (value: string) => ctx.isUnique?.(name, value, values) ?? Promise.resolve(true) } : {}),
    });
    if (result.ignore) continue;
    if (result.redacted) redacted.push(name);
    values[name] = result.value;
  }
  return { values, redacted };
}
