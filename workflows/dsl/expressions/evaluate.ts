// Evaluates a parsed expression. Arguments are evaluated lazily and at most once, so IIF and
// Switch only run the branch they pick and SelectUniqueValue only the rules it needs.
// Evaluation never reads the clock or Math.random: both come from the context.

import type { AttributeRef, CallExpr, Expr } from './ast.ts';
import type { Evaluated, ExpressionContext } from './context.ts';
import type { EvaluationFlags, FunctionCall } from './registry-types.ts';
import { compareValues, concatenate } from './compare.ts';
import { ExpressionEvaluationError } from './errors.ts';
import { lookupFunction } from './registry.ts';
import { fromAttribute, toExpressionValue, type Fail, type Value } from './values.ts';

export type { Evaluated, ExpressionContext } from './context.ts';

export async function evaluateExpression(ast: Expr, ctx: ExpressionContext): Promise<Evaluated> {
  if (Number.isNaN(ctx.now.getTime())) throw new ExpressionEvaluationError('ExpressionContext.now is an invalid Date', ast);
  const flags: EvaluationFlags = { ignore: false, redacted: false };
  const value = toExpressionValue(await evaluateNode(ast, ctx, flags));
  return { value, ignore: flags.ignore, redacted: flags.redacted, logValue: flags.redacted ? '[Redact]' : value };
}

async function evaluateNode(node: Expr, ctx: ExpressionContext, flags: EvaluationFlags): Promise<Value> {
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
      const left = await evaluateNode(node.left, ctx, flags);
      const right = await evaluateNode(node.right, ctx, flags);
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

async function evaluateCall(node: CallExpr, ctx: ExpressionContext, flags: EvaluationFlags): Promise<Value> {
  const declaration = lookupFunction(node.name);
  if (declaration === undefined) throw new ExpressionEvaluationError(`unknown function '${node.name}'`, node);
  const evaluated = new Map<number, Promise<Value>>();
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
      if (arg === undefined || arg.type === 'empty') return Promise.resolve(null);
      let pending = evaluated.get(index);
      if (pending === undefined) {
        pending = evaluateNode(arg, ctx, flags);
        evaluated.set(index, pending);
      }
      return pending;
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
  return declaration.evaluate(call);
}
