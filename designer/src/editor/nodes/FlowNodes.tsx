/**
 * One memo'd component per node type. Each draws the shared NodeShell with what matters for its
 * type; output handles come from the shared handle table (workflows/dsl/handles.ts).
 */
import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useCatalog } from '../../catalog.ts';
import { handlesOf } from '../graph.ts';
import type { FlowNode } from '../types.ts';
import { NodeShell } from './NodeShell.tsx';
import { approvalText, decisionText, keyParam, labelOf, settingText, waitText } from './summary.ts';

const setVariable = 'core.setVariable';

type Props = NodeProps<FlowNode>;

function useOutputs({ id, type, data }: Props) {
  return useMemo(() => handlesOf({ id, type, data }), [id, type, data]);
}

export const StartNode = memo(function StartNode(props: Props) {
  return <NodeShell id={props.id} type="start" kind="Start" title={labelOf(props.data, 'Start')} selected={props.selected} outputs={useOutputs(props)} />;
});

export const ActionNode = memo(function ActionNode(props: Props) {
  const actionId = typeof props.data.action === 'string' ? props.data.action : '';
  const action = useCatalog((s) => s.byId[actionId]);
  const connection = typeof props.data.connectionId === 'string' ? props.data.connectionId : undefined;
  // What the step does, not which catalog entry it is: a setting shows its value, a step against a
  // target the connection and its most telling parameter (the action id stays in the tooltip).
  const key = actionId === setVariable ? undefined : keyParam(props.data.params);
  const detail = actionId === '' ? 'no action chosen' : actionId === setVariable ? settingText(props.data.params) : key === undefined ? actionId : `${key.name} = ${key.value}`;
  return (
    <NodeShell id={props.id} type="action" kind={action === undefined || action.connector === 'core' ? 'Action' : `${action.connector} · ${action.category}`} title={labelOf(props.data, action?.label ?? 'Action')} selected={props.selected} outputs={useOutputs(props)}>
      <div className="node-detail" title={actionId}>
        {connection !== undefined && <span className="chip" title={`Connection ${connection}`}>{connection}</span>}
        <code className="node-summary" data-testid="node-summary">
          {detail}
        </code>
      </div>
    </NodeShell>
  );
});

export const DecisionNode = memo(function DecisionNode(props: Props) {
  return (
    <NodeShell id={props.id} type="decision" kind="Decision" title={labelOf(props.data, 'Decision')} selected={props.selected} outputs={useOutputs(props)}>
      <div className="node-detail">
        <span className="node-summary" data-testid="node-summary">
          {decisionText(props.data)}
        </span>
      </div>
    </NodeShell>
  );
});

export const WaitNode = memo(function WaitNode(props: Props) {
  return (
    <NodeShell id={props.id} type="wait" kind="Wait" title={labelOf(props.data, 'Wait')} selected={props.selected} outputs={useOutputs(props)}>
      <div className="node-detail">{waitText(props.data)}</div>
    </NodeShell>
  );
});

export const ApprovalNode = memo(function ApprovalNode(props: Props) {
  return (
    <NodeShell id={props.id} type="approval" kind="Approval" title={labelOf(props.data, 'Approval')} selected={props.selected} outputs={useOutputs(props)}>
      <div className="node-detail">{approvalText(props.data)}</div>
    </NodeShell>
  );
});

export const ParallelNode = memo(function ParallelNode(props: Props) {
  return <NodeShell id={props.id} type="parallel" kind="Parallel" title={labelOf(props.data, 'In parallel')} selected={props.selected} outputs={useOutputs(props)} />;
});

export const JoinNode = memo(function JoinNode(props: Props) {
  return <NodeShell id={props.id} type="join" kind="Join" title={labelOf(props.data, 'Join')} selected={props.selected} outputs={useOutputs(props)} />;
});

export const EndNode = memo(function EndNode(props: Props) {
  const failed = props.data.outcome === 'failed';
  return (
    <NodeShell id={props.id} type="end" kind={failed ? 'End · failed' : 'End'} title={labelOf(props.data, 'End')} selected={props.selected} outputs={useOutputs(props)} />
  );
});
