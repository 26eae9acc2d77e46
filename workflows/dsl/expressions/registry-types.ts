// The shape of a function declaration and the view of a call its implementation receives.

import type { CallExpr } from './ast.ts';
import type { ExpressionContext } from './context.ts';
import type { Value } from './values.ts';

export interface EvaluationFlags {
  ignore: boolean;
  redacted: boolean;
}

export interface FunctionCall {
  readonly node: CallExpr;
  readonly ctx: ExpressionContext;
  readonly flags: EvaluationFlags;
  /** Number of argument slots written, empty ones included. */
  readonly argCount: number;
  /** Whether argument `index` was written (and not left empty). */
  given(index: number): boolean;
  /** Evaluates argument `index` on demand; a missing or empty argument is null. */
  value(index: number): Value;
  /** Throws an ExpressionEvaluationError prefixed with the function name, at the argument if given. */
  fail(message: string, argIndex?: number): never;
  /** Throws the expression's own error message unchanged (the Error function). */
  raise(message: string): never;
}

interface DeclarationBase {
  readonly name: string;
  /** Call shape for the designer's autocomplete, optional parts in brackets. */
  readonly signature: string;
  readonly description: string;
  readonly minArgs: number;
  /** null: no upper bound. */
  readonly maxArgs: number | null;
  /** Zero-based positions that may be left empty, as in `Switch([x], , "a", "b")`. */
  readonly emptyAllowed?: readonly number[];
  /** A further arity rule; returns a complaint or undefined. */
  readonly checkArgCount?: (count: number) => string | undefined;
  /** Entra only accepts it as the outermost function (SelectUniqueValue). */
  readonly topLevelOnly?: boolean;
}

/**
 * Functions compute their value synchronously from their arguments. The one exception asks the
 * target whether a value is free (SelectUniqueValue): it may only be the outermost function, so
 * evaluation awaits at most that call, never a promise per node (in workflow code every promise
 * costs a recorded stack trace).
 */
export type FunctionDeclaration = DeclarationBase &
  (
    | { readonly evaluate: (call: FunctionCall) => Value; readonly selectUnique?: never }
    | { readonly selectUnique: (call: FunctionCall) => Promise<Value>; readonly evaluate?: never; readonly topLevelOnly: true }
  );
