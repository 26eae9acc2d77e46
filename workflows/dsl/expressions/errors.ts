// Error shapes shared by the parser and the evaluator.

/** A syntax or arity problem found by `parseExpression`. `line` and `column` are 1-based. */
export interface ExpressionError {
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export function positionOf(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const limit = Math.min(offset, source.length);
  for (let i = 0; i < limit; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function describePosition(source: string, offset: number): string {
  const { line, column } = positionOf(source, offset);
  return `line ${line}, column ${column}`;
}

/**
 * Thrown while evaluating: bad data (a date that does not match its format), a failed check
 * (SelectUniqueValue ran out of candidates) or the expression's own Error("…").
 */
export class ExpressionEvaluationError extends Error {
  /** Source span of the node that failed. */
  readonly offset: number;
  readonly end: number;
  /** The function that raised it, when there is one. */
  readonly functionName: string | undefined;
  /** True when the expression raised it itself with Error("…"). */
  readonly raisedByExpression: boolean;

  constructor(
    message: string,
    span: { readonly start: number; readonly end: number },
    options: { functionName?: string; raisedByExpression?: boolean } = {},
  ) {
    super(message);
    this.name = 'ExpressionEvaluationError';
    this.offset = span.start;
    this.end = span.end;
    this.functionName = options.functionName;
    this.raisedByExpression = options.raisedByExpression ?? false;
  }
}
