// Public API of the attribute-mapping expression language (Microsoft Entra provisioning syntax).
//
//   const parsed = parseExpression('Join("@", NormalizeDiacritics(StripSpaces([firstName])), "contoso.com")');
//   if (parsed.ok) evaluateExpression(parsed.ast, { attributes, now, random });

import { declarations } from './registry.ts';

export { parseExpression, MAX_EXPRESSION_LENGTH, type ParseResult } from './parser.ts';
export { asksTarget, evaluateExpression, evaluateExpressionSync } from './evaluate.ts';
export { referencedAttributes } from './referenced.ts';
export { ExpressionEvaluationError, type ExpressionError } from './errors.ts';
export type { Evaluated, ExpressionContext } from './context.ts';
export type { ExpressionValue } from './values.ts';
export type * from './ast.ts';

/** What the designer shows for a function: autocomplete signature and one-line help. */
export interface ExpressionFunctionInfo {
  readonly name: string;
  readonly signature: string;
  readonly description: string;
  readonly minArgs: number;
  /** null when the function takes any number of arguments (Join, Switch, Coalesce, SelectUniqueValue). */
  readonly maxArgs: number | null;
}

/** Every function the language knows, sorted by name. */
export const expressionFunctions: readonly ExpressionFunctionInfo[] = Object.freeze(
  declarations.map(({ name, signature, description, minArgs, maxArgs }) => Object.freeze({ name, signature, description, minArgs, maxArgs })),
);
