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
  isUnique?: (value: string) => Promise<boolean>;
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
  for (const [name, param] of Object.entries(params)) {
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
      ...(ctx.isUnique ? { isUnique: ctx.isUnique } : {}),
    });
    if (result.ignore) continue;
    if (result.redacted) redacted.push(name);
    values[name] = result.value;
  }
  return { values, redacted };
}
