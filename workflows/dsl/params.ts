/**
 * Evaluates an action node's parameters: constants pass through, expressions are evaluated against
 * the person's attributes, the run's variables (`[vars.name]`) and earlier steps' outputs
 * (`[steps.nodeId.field]`). A parameter whose expression says IgnoreFlowIfNullOrEmpty is left out.
 */
import { asksTarget, evaluateExpression, evaluateExpressionSync, parseExpression, type Evaluated, type Expr, type ExpressionContext } from './expressions/index.ts';
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
  const parse = (name: string, expression: string): Expr => {
    const parsed = parseExpression(expression);
    if (!parsed.ok) throw new Error(`parameter "${name}": ${parsed.error.message} (line ${parsed.error.line}, column ${parsed.error.column})`);
    return parsed.ast;
  };
  const context = (isUnique?: (value: string) => Promise<boolean>): ExpressionContext => ({ attributes, now: ctx.now, random: ctx.random, ...(isUnique ? { isUnique } : {}) });
  const keep = (name: string, result: Evaluated) => {
    if (result.ignore) return;
    if (result.redacted) redacted.push(name);
    values[name] = result.value;
  };
  // The anchor first: uniqueness checks compare against everyone but the person themselves.
  const ordered = Object.entries(params).sort(([a], [b]) => Number(b === 'anchor') - Number(a === 'anchor'));
  if (ctx.areUnique !== undefined) return evaluateAtOnce(ctx.areUnique);

  // One by one, as runs begun before the step asked at once. Its awaits decide how parallel branches
  // interleave, and so the order their steps are scheduled in, which those runs' histories recorded:
  // keep them exactly as they are.
  for (const [name, param] of ordered) {
    if (!isExpression(param)) {
      values[name] = param;
      continue;
    }
    const isUnique = ctx.isUnique;
    keep(name, await evaluateExpression(parse(name, param.expression), context(isUnique ? (value) => isUnique(name, value, values) : undefined)));
  }
  return { values, redacted };

  async function evaluateAtOnce(areUnique: NonNullable<ParamContext['areUnique']>): Promise<{ values: Record<string, unknown>; redacted: string[] }> {
    // What asks no target is evaluated on the spot, in order (the anchor among it, which the
    // questions carry); the SelectUniqueValue parameters side by side, asking together.
    const batch = new UniquenessBatch((checks) => areUnique(checks, values));
    const outcomes = ordered.map(([name, param]): { sync: Outcome } | { unique: () => Promise<Evaluated> } | { constant: ParamValue } => {
      if (!isExpression(param)) {
        if (name === 'anchor') values[name] = param;
        return { constant: param };
      }
      try {
        const ast = parse(name, param.expression);
        if (asksTarget(ast)) return { unique: async () => evaluateExpression(ast, context(batch.asker(name))) };
        const evaluated = evaluateExpressionSync(ast, context());
        if (name === 'anchor') keep(name, evaluated);
        return { sync: { ok: true, evaluated } };
      } catch (error) {
        return { sync: { ok: false, error } };
      }
    });
    const unique = await batch.settle(outcomes.map((o) => ('unique' in o ? o.unique : undefined)));
    // Kept in the parameters' order, and the first failure in that order is the step's error, as when evaluated one by one.
    for (const [i, [name]] of ordered.entries()) {
      const outcome = outcomes[i];
      const asked = unique[i];
      if (outcome === undefined) continue;
      if ('constant' in outcome) values[name] = outcome.constant;
      else if ('sync' in outcome) {
        if (!outcome.sync.ok) throw outcome.sync.error;
        if (name !== 'anchor') keep(name, outcome.sync.evaluated);
      } else if (asked?.status === 'rejected') throw asked.reason;
      else if (asked !== undefined) keep(name, asked.value);
    }
    return { values, redacted };
  }
}

type Outcome = { ok: true; evaluated: Evaluated } | { ok: false; error: unknown };

const isExpression = (param: ParamValue): param is { expression: string } => param !== null && typeof param === 'object' && !Array.isArray(param);
