/**
 * The operators a rule may use: json-rules-engine's own, unchanged, and the presence operators
 * Tenure adds. One declaration for the engine (rules.ts registers the added ones), the validator
 * (which refuses any other name) and the designer's rule builder.
 *
 * The added operators run inside workflows, so they must stay pure and deterministic; and a
 * published revision replays with the operators it was published with, so an operator, once
 * added, must never change what it answers. The engine's own operators are never redefined:
 * `notEqual null` stays true for a missing attribute, as it always was.
 */
import type { Condition, TopLevelCondition } from './schema.ts';

/** json-rules-engine's built-in operators. */
export const engineOperators = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;

/** json-rules-engine's built-in decorators, written before an operator: `not:contains`, `someFact:equal`. */
export const engineOperatorDecorators = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'] as const;

/** Missing: the attribute is absent, undefined or null. */
function missing(factValue: unknown): boolean {
  return factValue === undefined || factValue === null;
}

/**
 * Operators that look only at the fact and take no value. The engine still requires a `value`
 * key on every condition, so their conditions carry `value: null`.
 */
export const presenceOperators = {
  isPresent: (factValue: unknown) => !missing(factValue),
  isMissing: missing,
  /** Empty: missing, a string of nothing but whitespace, or an empty list. */
  isEmpty: (factValue: unknown) =>
    missing(factValue) || (typeof factValue === 'string' && factValue.trim() === '') || (Array.isArray(factValue) && factValue.length === 0),
} as const satisfies Record<string, (factValue: unknown) => boolean>;

export type PresenceOperator = keyof typeof presenceOperators;

export function isPresenceOperator(operator: string): operator is PresenceOperator {
  return Object.hasOwn(presenceOperators, operator);
}

const baseOperators: ReadonlySet<string> = new Set<string>([...engineOperators, ...Object.keys(presenceOperators)]);
const decorators: ReadonlySet<string> = new Set<string>(engineOperatorDecorators);

/**
 * What is wrong with an operator and its value, if anything: an operator the engine does not
 * know (decorated operators are read as the engine reads them), or a value given to an operator
 * that takes none.
 */
export function operatorProblem(operator: string, value: unknown): string | undefined {
  const parts = operator.split(':');
  const base = parts.pop() ?? '';
  if (!baseOperators.has(base) || parts.some((d) => !decorators.has(d))) {
    return `Unknown operator "${operator}"; use one of ${[...baseOperators].join(', ')}.`;
  }
  if (isPresenceOperator(base) && value !== null) {
    return `"${base}" looks only at the fact and takes no value; set the value to null.`;
  }
  return undefined;
}

/** Every condition of a rule whose operator or value the engine would refuse, with its path. */
export function conditionProblems(condition: Condition | TopLevelCondition, path: string): { path: string; message: string }[] {
  if ('all' in condition) return condition.all.flatMap((c, i) => conditionProblems(c, `${path}.all[${i}]`));
  if ('any' in condition) return condition.any.flatMap((c, i) => conditionProblems(c, `${path}.any[${i}]`));
  if ('not' in condition) return conditionProblems(condition.not, `${path}.not`);
  const message = operatorProblem(condition.operator, condition.value);
  return message === undefined ? [] : [{ path: `${path}.operator`, message }];
}
