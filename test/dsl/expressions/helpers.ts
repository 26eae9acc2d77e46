// Shared test helpers: parse-then-evaluate with a fixed clock and a seeded PRNG.

import { evaluateExpression, parseExpression, type Evaluated, type ExpressionContext, type ExpressionError } from '../../../workflows/dsl/expressions/index.ts';

export const FIXED_NOW = new Date(Date.UTC(2024, 5, 15, 13, 45, 30));

/** mulberry32: a tiny deterministic PRNG so random-based functions are repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function context(attributes: Record<string, unknown> = {}, extra: Partial<ExpressionContext> = {}): ExpressionContext {
  return { attributes, now: FIXED_NOW, random: seededRandom(42), ...extra };
}

export async function evaluate(source: string, attributes: Record<string, unknown> = {}, extra: Partial<ExpressionContext> = {}): Promise<Evaluated> {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(`parse failed: ${parsed.error.message}`);
  return evaluateExpression(parsed.ast, context(attributes, extra));
}

/** The value of an expression. */
export async function run(source: string, attributes: Record<string, unknown> = {}, extra: Partial<ExpressionContext> = {}): Promise<Evaluated['value']> {
  return (await evaluate(source, attributes, extra)).value;
}

/** The parse error of an expression that must not parse. */
export function parseError(source: string): ExpressionError {
  const parsed = parseExpression(source);
  if (parsed.ok) throw new Error(`expected a parse error for ${source}`);
  return parsed.error;
}
