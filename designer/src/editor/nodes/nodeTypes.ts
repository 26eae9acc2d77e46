/** The node components by type, at module scope so React Flow never sees a new object. */
import type { NodeTypes } from '@xyflow/react';
import { ActionNode, ApprovalNode, DecisionNode, EndNode, JoinNode, ParallelNode, StartNode, WaitNode } from './FlowNodes.tsx';

export const nodeTypes = {
  start: StartNode,
  action: ActionNode,
  decision: DecisionNode,
  wait: WaitNode,
  approval: ApprovalNode,
  parallel: ParallelNode,
  join: JoinNode,
  end: EndNode,
} satisfies NodeTypes;
