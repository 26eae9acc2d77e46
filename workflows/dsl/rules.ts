/**
 * Decisions: ordered json-rules-engine rules, first match wins, `default` otherwise. Used by the
 * scheduler inside workflows (the engine is pure and its evaluation replay-safe) and by simulation,
 * which shows each condition with the fact value it saw.
 */
import { Engine } from 'json-rules-engine';
import { presenceOperators } from './ruleOperators.ts';
import type { TopLevelCondition } from './schema.ts';

export interface RuleFacts {
  /** The person's attributes, each also a top-level fact (`department`, `hireDate`, …). */
  attributes: Readonly<Record<string, unknown>>;
  vars: Readonly<Record<string, unknown>>;
  steps: Readonly<Record<string, unknown>>;
}

export interface ConditionTrace {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  result: boolean;
}

export interface RuleEvaluation {
  outcome: string;
  matched: boolean;
  conditions: ConditionTrace[];
}

export interface DecisionResult {
  outcome: string;
  evaluations: RuleEvaluation[];
}

function factMap(facts: RuleFacts): Record<string, unknown> {
  return { ...facts.attributes, person: facts.attributes, vars: facts.vars, steps: facts.steps };
}

interface ResultLeaf {
  fact?: unknown;
  path?: unknown;
  operator?: unknown;
  value?: unknown;
  factResult?: unknown;
  result?: unknown;
  all?: unknown;
  any?: unknown;
  not?: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Flattens the engine's annotated condition tree into the leaves a person reads. */
function leaves(node: unknown, out: ConditionTrace[]): ConditionTrace[] {
  if (Array.isArray(node)) {
    for (const n of node) leaves(n, out);
    return out;
  }
  if (!isRecord(node)) return out;
  const c: ResultLeaf = node;
  if (c.all !== undefined) return leaves(c.all, out);
  if (c.any !== undefined) return leaves(c.any, out);
  if (c.not !== undefined) return leaves(c.not, out);
  if (typeof c.fact === 'string' && typeof c.operator === 'string') {
    out.push({
      fact: c.fact,
      ...(typeof c.path === 'string' ? { path: c.path } : {}),
      operator: c.operator,
      value: c.value,
      factValue: c.factResult,
      result: c.result === true,
    });
  }
  return out;
}

/** Evaluates one condition tree; true when it holds. */
export async function evaluateCondition(
  conditions: TopLevelCondition,
  facts: RuleFacts,
): Promise<{ matched: boolean; conditions: ConditionTrace[] }> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, test] of Object.entries(presenceOperators)) engine.addOperator(name, test);
  engine.addRule({ conditions, event: { type: 'match' }, name: 'condition' });
  const { events, results, failureResults } = await engine.run(factMap(facts));
  const ruleResult: unknown = results[0] ?? failureResults[0];
  const annotated = isRecord(ruleResult) ? ruleResult.conditions : undefined;
  return { matched: events.length > 0, conditions: leaves(annotated, []) };
}

export async function evaluateDecision(
  rules: readonly { outcome: string; conditions: TopLevelCondition }[],
  facts: RuleFacts,
): Promise<DecisionResult> {
  const evaluations: RuleEvaluation[] = [];
  for (const rule of rules) {
    const { matched, conditions } = await evaluateCondition(rule.conditions, facts);
    evaluations.push({ outcome: rule.outcome, matched, conditions });
    if (matched) return { outcome: rule.outcome, evaluations };
  }
  return { outcome: 'default', evaluations };
}
