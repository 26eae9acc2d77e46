// Evaluates a parsed expression. Arguments are evaluated lazily and at most once, so IIF and
// Switch only run the branch they pick and SelectUniqueValue only the rules it needs.
// Evaluation never reads the clock or Math.random: both come from the context.
// It is synchronous but for the outermost SelectUniqueValue, which asks the target: in workflow code
// each promise records a stack trace, and a promise per node made that most of a run's CPU time.

import type { AttributeRef, CallExpr, Expr } from './ast.ts';
import type { Evaluated, ExpressionContext } from './context.ts';
import type { EvaluationFlags, FunctionCall, FunctionDeclaration } from './registry-types.ts';
import { compareValues, concatenate } from './compare.ts';
import { ExpressionEvaluationError } from './errors.ts';
import { lookupFunction } from './registry.ts';
import { fromAttribute, toExpressionValue, type Fail, type Value } from './values.ts';

export type { Evaluated, ExpressionContext } from './context.ts';

export async function evaluateExpression(ast: Expr, ctx: ExpressionContext): Promise<Evaluated> {
  if (Number.isNaN(ctx.now.getTime())) throw new ExpressionEvaluationError('ExpressionContext.now is an invalid Date', ast);
  const flags: EvaluationFlags = { ignore: false, redacted: false };
  const value = toExpressionValue(ast.type === 'call' ? await evaluateOutermost(ast, ctx, flags) : evaluateNode(ast, ctx, flags));
  return { value, ignore: flags.ignore, redacted: flags.redacted, logValue: flags.redacted ? '[Redact]' : value };
}

/** Whether evaluating `ast` asks the target whether values are free (an outermost SelectUniqueValue). */
export function asksTarget(ast: Expr): boolean {
  return ast.type === 'call' && lookupFunction(ast.name)?.selectUnique !== undefined;
}

/** Evaluates an expression that does not ask the target (asksTarget false) without making a promise. */
export function evaluateExpressionSync(ast: Expr, ctx: ExpressionContext): Evaluated {
  if (Number.isNaN(ctx.now.getTime())) throw new ExpressionEvaluationError('ExpressionContext.now is an invalid Date', ast);
  const flags: EvaluationFlags = { ignore: false, redacted: false };
  const value = toExpressionValue(evaluateNode(ast, ctx, flags));
  return { value, ignore: flags.ignore, redacted: flags.redacted, logValue: flags.redacted ? '[Redact]' : value };
}

function evaluateNode(node: Expr, ctx: ExpressionContext, flags: EvaluationFlags): Value {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return node.value;
    case 'constant':
      return node.name;
    case 'attribute':
      return readAttribute(node, ctx.attributes);
    case 'binary': {
      const fail: Fail = (message) => {
        throw new ExpressionEvaluationError(`'${node.operator}': ${message}`, node);
      };
      const left = evaluateNode(node.left, ctx, flags);
      const right = evaluateNode(node.right, ctx, flags);
      return node.operator === '&' ? concatenate(left, right, fail) : compareValues(node.operator, left, right, fail);
    }
    case 'call':
      return evaluateCall(node, ctx, flags);
  }
}

function readAttribute(node: AttributeRef, attributes: Readonly<Record<string, unknown>>): Value {
  let key: string | undefined = Object.hasOwn(attributes, node.name) ? node.name : undefined;
  if (key === undefined) {
    // Directory attribute names are case-insensitive; accept [GivenName] for givenName.
    const lowered = node.name.toLowerCase();
    const matches = Object.keys(attributes).filter((candidate) => candidate.toLowerCase() === lowered);
    if (matches.length > 1) {
      throw new ExpressionEvaluationError(`attribute [${node.name}] is ambiguous: the source has ${matches.join(', ')}`, node);
    }
    key = matches[0];
  }
  const converted = fromAttribute(key === undefined ? undefined : attributes[key]);
  if (!converted.ok) throw new ExpressionEvaluationError(`attribute [${node.name}] ${converted.problem}`, node);
  return converted.value;
}

/** The declaration a call names, and the view of the call its implementation receives. */
function prepareCall(node: CallExpr, ctx: ExpressionContext, flags: EvaluationFlags): { declaration: FunctionDeclaration; call: FunctionCall } {
  const declaration = lookupFunction(node.name);
  if (declaration === undefined) throw new ExpressionEvaluationError(`unknown function '${node.name}'`, node);
  const evaluated = new Map<number, Value>();
  const call: FunctionCall = {
    node,
    ctx,
    flags,
    argCount: node.args.length,
    given: (index) => {
      const arg = node.args[index];
      return arg !== undefined && arg.type !== 'empty';
    },
    value: (index) => {
      const arg = node.args[index];
      if (arg === undefined || arg.type === 'empty') return null;
      if (!evaluated.has(index)) evaluated.set(index, evaluateNode(arg, ctx, flags));
      return evaluated.get(index) ?? null;
    },
    fail: (message, argIndex) => {
      const arg = argIndex === undefined ? undefined : node.args[argIndex];
      const span = arg === undefined || arg.type === 'empty' ? node : arg;
      throw new ExpressionEvaluationError(`${node.name}: ${message}`, span, { functionName: node.name });
    },
    raise: (message) => {
      throw new ExpressionEvaluationError(message, node, { functionName: node.name, raisedByExpression: true });
    },
  };
  return { declaration, call };
}

function evaluateCall(node: CallExpr, ctx: ExpressionContext, flags: EvaluationFlags): Value {
  const { declaration, call } = prepareCall(node, ctx, flags);
  // The parser refuses SelectUniqueValue below the top; an AST built by hand meets this instead.
  if (declaration.evaluate === undefined) throw new ExpressionEvaluationError(`${node.name} must be the outermost function`, node, { functionName: node.name });
  return declaration.evaluate(call);
}

/** The outermost call: the only place a function may wait for the target. */
async function evaluateOutermost(node: CallExpr, ctx: ExpressionContext, flags: EvaluationFlags): Promise<Value> {
  const { declaration, call } = prepareCall(node, ctx, flags);
  return declaration.selectUnique ? declaration.selectUnique(call) : declaration.evaluate(call);
}
