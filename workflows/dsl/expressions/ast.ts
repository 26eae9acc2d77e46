// Syntax tree of an attribute-mapping expression. Every node records the source span it came from
// (`start` inclusive, `end` exclusive, UTF-16 offsets) so evaluation errors can point at the text.

interface Span {
  readonly start: number;
  readonly end: number;
}

export interface StringLiteral extends Span {
  readonly type: 'string';
  readonly value: string;
}

export interface NumberLiteral extends Span {
  readonly type: 'number';
  readonly value: number;
  /** The digits as written (`&HF7`, `-10`, `1.5`). */
  readonly raw: string;
}

export interface BooleanLiteral extends Span {
  readonly type: 'boolean';
  readonly value: boolean;
}

/** `[givenName]` */
export interface AttributeRef extends Span {
  readonly type: 'attribute';
  readonly name: string;
}

/** A bare enumeration name such as `vbTextCompare` or `UTF8`, spelled canonically. */
export interface ConstantRef extends Span {
  readonly type: 'constant';
  readonly name: string;
}

/** A left-out argument, as in `Switch([active], , "1", "True")`. Only appears in `CallExpr.args`. */
export interface EmptyArgument extends Span {
  readonly type: 'empty';
}

export interface CallExpr extends Span {
  readonly type: 'call';
  /** Canonical spelling from the function registry (`Join` even when written `JOIN`). */
  readonly name: string;
  readonly args: readonly Argument[];
}

export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** `a = b`, `a <> b`, … (IIF conditions) and `a & b` (VBA string concatenation). */
export interface BinaryExpr extends Span {
  readonly type: 'binary';
  readonly operator: ComparisonOperator | '&';
  readonly left: Expr;
  readonly right: Expr;
}

export type Expr = StringLiteral | NumberLiteral | BooleanLiteral | AttributeRef | ConstantRef | CallExpr | BinaryExpr;

export type Argument = Expr | EmptyArgument;
