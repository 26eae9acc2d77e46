/**
 * The decision step's form: ordered rules, each an outcome name (one output handle per outcome)
 * and a condition tree; the first rule that holds wins, `default` otherwise. Renaming an outcome
 * moves the edges that leave its handle.
 */
import { useId } from 'react';
import { RuleBuilder } from '../rules/RuleBuilder.tsx';
import { newLeaf } from '../rules/ConditionNode.tsx';
import { useEditor } from '../store.ts';
import type { FlowNode } from '../types.ts';
import { useFacts } from './facts.ts';
import { isRecord } from './jsonSchema.ts';

interface Props {
  node: FlowNode;
  problems: Readonly<Record<string, string>>;
}

function freeOutcome(rules: readonly Record<string, unknown>[]): string {
  const taken = new Set(rules.map((r) => r.outcome));
  for (let i = 1; ; i++) if (!taken.has(`outcome-${i}`)) return `outcome-${i}`;
}

function RuleCard(props: {
  rule: Record<string, unknown>;
  index: number;
  count: number;
  problems: Readonly<Record<string, string>>;
  onChange: (rule: Record<string, unknown>) => void;
  onRename: (from: string, to: string) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const { rule, index, count, problems } = props;
  const facts = useFacts();
  const id = useId();
  const outcome = typeof rule.outcome === 'string' ? rule.outcome : '';
  const here = `rules[${index}]`;
  return (
    <div className="rule-card" data-rule={outcome}>
      <div className="rule-head">
        <span className="rule-number">{index + 1}</span>
        <label htmlFor={`${id}-outcome`} className="sr-only">
          Outcome of rule {index + 1}
        </label>
        <input
          id={`${id}-outcome`}
          className="rule-outcome"
          type="text"
          value={outcome}
          placeholder="outcome"
          aria-label={`Outcome of rule ${index + 1}`}
          onChange={(e) => {
            props.onChange({ ...rule, outcome: e.target.value });
            props.onRename(outcome, e.target.value);
          }}
        />
        <div className="rule-tools">
          <button type="button" className="icon-button" disabled={index === 0} onClick={() => props.onMove(-1)} aria-label="Move rule up" title="Move up">
            ↑
          </button>
          <button type="button" className="icon-button" disabled={index === count - 1} onClick={() => props.onMove(1)} aria-label="Move rule down" title="Move down">
            ↓
          </button>
          <button type="button" className="icon-button" onClick={props.onRemove} aria-label={`Remove rule ${outcome}`} title="Remove rule">
            ×
          </button>
        </div>
      </div>
      {problems[`${here}.outcome`] !== undefined && <p className="field-problem">{problems[`${here}.outcome`]}</p>}
      <RuleBuilder label={`Conditions of ${outcome || `rule ${index + 1}`}`} value={rule.conditions} onChange={(c) => props.onChange({ ...rule, conditions: c })} facts={facts} />
      {Object.entries(problems)
        .filter(([p]) => p.startsWith(`${here}.conditions`))
        .map(([p, m]) => (
          <p key={p} className="field-problem">
            {p.slice(here.length + 1)}: {m}
          </p>
        ))}
    </div>
  );
}

export function DecisionForm({ node, problems }: Props) {
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const renameOutcome = useEditor((s) => s.renameOutcome);
  const rules = (Array.isArray(node.data.rules) ? node.data.rules : []).filter(isRecord);
  const setRules = (next: Record<string, unknown>[]) => updateNodeData(node.id, { ...node.data, rules: next });
  return (
    <section className="form-section" aria-label="Rules">
      <h4>Rules</h4>
      <p className="field-help">Checked in order; the first rule that holds decides the way on. When none holds, the run leaves through “default”.</p>
      {rules.map((rule, i) => (
        <RuleCard
          key={i}
          rule={rule}
          index={i}
          count={rules.length}
          problems={problems}
          onChange={(r) => setRules(rules.map((x, j) => (j === i ? r : x)))}
          onRename={(from, to) => renameOutcome(node.id, from, to)}
          onMove={(by) => {
            const next = [...rules];
            const [moved] = next.splice(i, 1);
            if (moved) next.splice(i + by, 0, moved);
            setRules(next);
          }}
          onRemove={() => setRules(rules.filter((_, j) => j !== i))}
        />
      ))}
      <button type="button" className="button" onClick={() => setRules([...rules, { outcome: freeOutcome(rules), conditions: { all: [newLeaf()] } }])}>
        + Add rule
      </button>
    </section>
  );
}
