/**
 * Which named output handles each node type has. The validator, the compiler, the scheduler and the
 * designer's node components all read this one table.
 */
import { approvalCanTimeOut } from './approval.ts';
import type { DefinitionNode } from './schema.ts';

export const approvalOutcomes = ['approved', 'rejected', 'timeout'] as const;
export type ApprovalOutcome = (typeof approvalOutcomes)[number];

export interface HandleSpec {
  id: string;
  /** Whether a valid graph must connect this handle. */
  required: boolean;
  /** Whether the handle may have several edges (a parallel's branches). */
  many: boolean;
}

export function outputHandles(node: DefinitionNode): HandleSpec[] {
  const one = (id: string, required = true): HandleSpec => ({ id, required, many: false });
  switch (node.type) {
    case 'start':
    case 'wait':
    case 'join':
      return [one('next')];
    case 'action':
      return [one('next'), one('error', false)];
    case 'decision':
      return [...node.data.rules.map((r) => one(r.outcome)), one('default')];
    case 'approval':
      return [one('approved'), one('rejected'), one('timeout', approvalCanTimeOut(node.data))];
    case 'parallel':
      return [{ id: 'next', required: true, many: true }];
    case 'end':
      return [];
  }
}

/** React Flow leaves `sourceHandle` null for a node with a single unnamed handle. */
export function edgeHandle(edge: { sourceHandle?: string | null | undefined }): string {
  return edge.sourceHandle ?? 'next';
}
