/**
 * Evaluates an action node's parameters: constants pass through, expressions are evaluated against
 * the person's attributes, the run's variables (`[vars.name]`) and earlier steps' outputs
 * (`[steps.nodeId.field]`). A parameter whose expression says IgnoreFlowIfNullOrEmpty is left out.
 */
import { evaluateExpression, parseExpression, type Evaluated } from './expressions/index.ts';
import type { ParamValue } from './schema.ts';
import { UniquenessBatch, type UniquenessCheck } from './uniquenessBatch.ts';

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
  /**
   * Whether each of several values is free, asked at once; the answers are in the order asked. When
   * given (instead of isUnique), the step's SelectUniqueValue parameters are evaluated side by side
   * and their candidates go to the target together: one question for the whole step while every
   * first candidate is free, rather than one per parameter and candidate.
   */
  areUnique?: (checks: readonly UniquenessCheck[], evaluated: Readonly<Record<string, unknown>>) => Promise<boolean[]>;
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
  const evaluate = (name: string, expression: string, isUnique: ((value: string) => Promise<boolean>) | undefined): Promise<Evaluated> => {
    const parsed = parseExpression(expression);
    if (!parsed.ok) throw new Error(`parameter "${name}": ${parsed.error.message} (line ${parsed.error.line}, column ${parsed.error.column})`);
    return evaluateExpression(parsed.ast, { attributes, now: ctx.now, random: ctx.random, ...(isUnique ? { isUnique } : {}) });
  };
  const keep = (name: string, result: Evaluated) => {
    if (result.ignore) return;
    if (result.redacted) redacted.push(name);
    values[name] = result.value;
  };
  // The anchor first: uniqueness checks compare against everyone but the person themselves.
  const ordered = Object.entries(params).sort(([a], [b]) => Number(b === 'anchor') - Number(a === 'anchor'));
  const { areUnique } = ctx;
  if (areUnique !== undefined) {
    const anchor = ordered[0]?.[0] === 'anchor' ? ordered.shift() : undefined;
    if (anchor !== undefined) await evaluateOne(anchor[0], anchor[1], undefined);
    const batch = new UniquenessBatch((checks) => areUnique(checks, values));
    const results = await batch.settle(ordered.map(([name, param]) => (isExpression(param) ? () => evaluate(name, param.expression, batch.asker(name)) : undefined)));
    // Kept in the parameters' order, and the first failure in that order is the step's error, as when evaluated one by one.
    for (const [i, [name, param]] of ordered.entries()) {
      const result = results[i];
      if (result === undefined) values[name] = param;
      else if (result.status === 'rejected') throw result.reason;
      else keep(name, result.value);
    }
    return { values, redacted };
  }
  for (const [name, param] of ordered) await evaluateOne(name, param, ctx.isUnique);
  return { values, redacted };

  async function evaluateOne(name: string, param: ParamValue, isUnique: ParamContext['isUnique']): Promise<void> {
    if (!isExpression(param)) {
      values[name] = param;
      return;
    }
    keep(name, await evaluate(name, param.expression, isUnique ? (value) => isUnique(name, value, values) : undefined));
  }
}

const isExpression = (param: ParamValue): param is { expression: string } => param !== null && typeof param === 'object' && !Array.isArray(param);
