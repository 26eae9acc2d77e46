// Recursive-descent parser for Entra-style mapping expressions:
//
//   expression := concat (('=' | '<>' | '<' | '<=' | '>' | '>=') concat)*
//   concat     := primary ('&' primary)*
//   primary    := string | number | True | False | [attribute] | CONSTANT
//               | Name '(' [argument (',' argument)*] ')' | '(' expression ')'
//   argument   := expression | (nothing: a left-out argument)
//
// Function names, True/False and constants are case-insensitive. Arity is checked here against
// the registry so mistakes surface while the mapping is being written, not when a hire flows.

import type { Argument, CallExpr, Expr } from './ast.ts';
import { describePosition, positionOf, type ExpressionError } from './errors.ts';
import { ParseFailure, tokenize, type Token } from './lexer.ts';
import { knownNames, lookupConstant, lookupFunction } from './registry.ts';
import { closest } from './suggest.ts';

/** Entra's limit on the length of one mapping expression. */
export const MAX_EXPRESSION_LENGTH = 10_000;
const MAX_NESTING = 64;
/**
 * How deep the syntax tree may be: `a & b & c …` and chained comparisons nest one level per
 * operator without any parenthesis, and whatever walks the tree later (checks, evaluation, the
 * stored revision) must never meet a tree deep enough to overflow the stack.
 */
export const MAX_TREE_DEPTH = 256;

export type ParseResult = { readonly ok: true; readonly ast: Expr } | { readonly ok: false; readonly error: ExpressionError };

export function parseExpression(source: string): ParseResult {
  try {
    if (source.length > MAX_EXPRESSION_LENGTH) {
      throw new ParseFailure(
        MAX_EXPRESSION_LENGTH,
        () => `the expression is ${source.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
      );
    }
    const ast = new Parser(source, tokenize(source)).parse();
    checkTreeDepth(ast);
    checkTopLevelOnly(ast, undefined);
    return { ok: true, ast };
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    const { line, column } = positionOf(source, error.offset);
    return { ok: false, error: { message: error.describe(`line ${line}, column ${column}`), offset: error.offset, line, column } };
  }
}

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the expression';
    case 'lparen':
      return "'('";
    case 'rparen':
      return "')'";
    case 'comma':
      return "','";
    case 'string':
      return 'a string';
    case 'number':
      return token.raw;
    case 'attribute':
      return `[${token.name}]`;
    case 'identifier':
      return `'${token.name}'`;
    case 'operator':
      return `'${token.operator}'`;
  }
}

class Parser {
  private index = 0;
  private depth = 0;
  private readonly source: string;
  private readonly tokens: readonly Token[];

  constructor(source: string, tokens: readonly Token[]) {
    this.source = source;
    this.tokens = tokens;
  }

  parse(): Expr {
    if (this.peek().kind === 'eof') throw new ParseFailure(0, () => 'the expression is empty');
    const expr = this.expression();
    const extra = this.peek();
    if (extra.kind !== 'eof') {
      const hint = extra.kind === 'rparen' ? " (is there one ')' too many?)" : extra.kind === 'comma' ? ' (arguments go inside a function call)' : '';
      throw new ParseFailure(extra.start, (where) => `unexpected ${describeToken(extra)} at ${where} after the end of the expression${hint}`);
    }
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1] ?? { kind: 'eof', start: 0, end: 0 };
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private expression(): Expr {
    let left = this.concatenation();
    for (let next = this.peek(); next.kind === 'operator' && next.operator !== '&'; next = this.peek()) {
      this.advance();
      const right = this.operand(next.operator);
      left = { type: 'binary', operator: next.operator, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private concatenation(): Expr {
    let left = this.primary();
    for (let next = this.peek(); next.kind === 'operator' && next.operator === '&'; next = this.peek()) {
      this.advance();
      const right = this.operand('&', true);
      left = { type: 'binary', operator: '&', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private operand(operator: string, primaryOnly = false): Expr {
    const next = this.peek();
    if (next.kind === 'eof' || next.kind === 'comma' || next.kind === 'rparen' || next.kind === 'operator') {
      throw new ParseFailure(next.start, (where) => `expected a value after '${operator}' at ${where}, found ${describeToken(next)}`);
    }
    return primaryOnly ? this.primary() : this.concatenation();
  }

  private primary(): Expr {
    const token = this.advance();
    switch (token.kind) {
      case 'string':
        return { type: 'string', value: token.value, start: token.start, end: token.end };
      case 'number':
        return { type: 'number', value: token.value, raw: token.raw, start: token.start, end: token.end };
      case 'attribute':
        return { type: 'attribute', name: token.name, start: token.start, end: token.end };
      case 'identifier':
        return this.identifier(token.name, token.start, token.end);
      case 'lparen':
        return this.nested(token.start, () => {
          const inner = this.expression();
          const close = this.advance();
          if (close.kind !== 'rparen') {
            throw new ParseFailure(close.start, (where) => `expected ')' at ${where} to close the '(' opened at ${describePosition(this.source, token.start)}, found ${describeToken(close)}`);
          }
          return inner;
        });
      default:
        throw new ParseFailure(token.start, (where) =>
          token.kind === 'eof' ? `expected a value but the expression ended at ${where}` : `expected a value at ${where}, found ${describeToken(token)}`,
        );
    }
  }

  private identifier(name: string, start: number, end: number): Expr {
    if (this.peek().kind === 'lparen') return this.call(name, start);
    const lowered = name.toLowerCase();
    if (lowered === 'true' || lowered === 'false') return { type: 'boolean', value: lowered === 'true', start, end };
    const constant = lookupConstant(name);
    if (constant !== undefined) return { type: 'constant', name: constant, start, end };
    const declaration = lookupFunction(name);
    if (declaration !== undefined) {
      throw new ParseFailure(start, (where) => `${declaration.name} at ${where} is a function: write ${declaration.name}(…)`);
    }
    const suggestion = closest(name, knownNames);
    const hint = suggestion === undefined ? `attributes are written in brackets: [${name}]` : `did you mean ${suggestion}?`;
    throw new ParseFailure(start, (where) => `unknown name '${name}' at ${where} (${hint})`);
  }

  private nested<T>(start: number, parse: () => T): T {
    if (++this.depth > MAX_NESTING) {
      throw new ParseFailure(start, (where) => `the expression nests deeper than ${MAX_NESTING} levels at ${where}`);
    }
    const result = parse();
    this.depth--;
    return result;
  }

  private call(written: string, start: number): CallExpr {
    const declaration = lookupFunction(written);
    if (declaration === undefined) {
      const suggestion = closest(written, knownNames);
      const hint = suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;
      throw new ParseFailure(start, (where) => `unknown function '${written}' at ${where}${hint}`);
    }
    const name = declaration.name;
    return this.nested(start, () => {
      this.advance(); // '('
      const args: Argument[] = [];
      if (this.peek().kind === 'rparen') {
        const close = this.advance();
        return this.checked({ type: 'call', name, args, start, end: close.end });
      }
      for (;;) {
        const next = this.peek();
        args.push(next.kind === 'comma' || next.kind === 'rparen' ? { type: 'empty', start: next.start, end: next.start } : this.expression());
        const separator = this.advance();
        if (separator.kind === 'rparen') return this.checked({ type: 'call', name, args, start, end: separator.end });
        if (separator.kind === 'comma') continue;
        throw new ParseFailure(separator.start, (where) =>
          separator.kind === 'eof'
            ? `expected ')' to close ${name}( opened at ${describePosition(this.source, start)}, but the expression ended at ${where}`
            : `expected ',' or ')' after argument ${args.length} of ${name} at ${where}, found ${describeToken(separator)}`,
        );
      }
    });
  }

  /** Arity and left-out arguments, against the declaration. */
  private checked(call: CallExpr): CallExpr {
    const declaration = lookupFunction(call.name);
    if (declaration === undefined) return call;
    const count = call.args.length;
    const { minArgs, maxArgs } = declaration;
    const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
    let problem: string | undefined;
    if (count < minArgs) {
      problem = maxArgs === minArgs ? `${call.name} takes exactly ${plural(minArgs)}, got ${count}` : `${call.name} needs at least ${plural(minArgs)}, got ${count}`;
    } else if (maxArgs !== null && count > maxArgs) {
      problem = maxArgs === minArgs ? `${call.name} takes exactly ${plural(maxArgs)}, got ${count}` : `${call.name} takes at most ${plural(maxArgs)}, got ${count}`;
    } else {
      problem = declaration.checkArgCount?.(count);
    }
    if (problem !== undefined) {
      const message = problem;
      throw new ParseFailure(call.start, (where) => `${message}, at ${where} (${declaration.signature})`);
    }
    const allowed = declaration.emptyAllowed ?? [];
    call.args.forEach((arg, index) => {
      if (arg.type === 'empty' && !allowed.includes(index)) {
        throw new ParseFailure(arg.start, (where) => `argument ${index + 1} of ${call.name} is left empty at ${where}; it is required (${declaration.signature})`);
      }
    });
    return call;
  }
}

/** Refuses a tree deeper than MAX_TREE_DEPTH, measured without recursion, at the node that crosses it. */
function checkTreeDepth(root: Expr): void {
  const pending: { node: Argument; depth: number }[] = [{ node: root, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, depth } = next;
    if (depth > MAX_TREE_DEPTH) {
      throw new ParseFailure(node.start, (where) => `the expression is more than ${MAX_TREE_DEPTH} operations deep at ${where} (each '&' or comparison in a chain counts as one); split it into shorter parts`);
    }
    if (node.type === 'call') for (const arg of node.args) pending.push({ node: arg, depth: depth + 1 });
    else if (node.type === 'binary') pending.push({ node: node.left, depth: depth + 1 }, { node: node.right, depth: depth + 1 });
  }
}

/** SelectUniqueValue, like in Entra, must be the whole expression. */
function checkTopLevelOnly(node: Argument, parent: string | undefined): void {
  if (node.type === 'call') {
    if (parent !== undefined && lookupFunction(node.name)?.topLevelOnly === true) {
      throw new ParseFailure(node.start, (where) => `${node.name} at ${where} must be the outermost function; it cannot be used inside ${parent}`);
    }
    for (const arg of node.args) checkTopLevelOnly(arg, node.name);
  } else if (node.type === 'binary') {
    checkTopLevelOnly(node.left, `the '${node.operator}' operator`);
    checkTopLevelOnly(node.right, `the '${node.operator}' operator`);
  }
}
