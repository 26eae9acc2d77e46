/** One node of a condition tree: an all / any group, a not, or a single comparison. */
import { ConditionLeaf } from './ConditionLeaf.tsx';

interface Props {
  value: unknown;
  onChange: (value: unknown) => void;
  /** Removes this node from its group; absent at the top. */
  onRemove?: () => void;
  factsList: string;
  depth: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const newLeaf = () => ({ fact: '', operator: 'equal', value: '' });

function Group({ value, onChange, onRemove, factsList, depth }: Props & { value: Record<string, unknown> }) {
  const joiner = Array.isArray(value.any) ? 'any' : 'all';
  const raw = value[joiner];
  const list: readonly unknown[] = Array.isArray(raw) ? raw : [];
  const children = [...list];
  const setChildren = (next: unknown[]) => onChange({ ...value, [joiner]: next });
  const switchJoiner = (to: 'all' | 'any') => {
    if (to === joiner) return;
    const { [joiner]: list, ...rest } = value;
    onChange({ ...rest, [to]: list });
  };
  return (
    <div className="cond-group" data-depth={depth}>
      <div className="cond-group-head">
        <select value={joiner} onChange={(e) => switchJoiner(e.target.value === 'any' ? 'any' : 'all')} aria-label="Group matches when">
          <option value="all">All of these hold</option>
          <option value="any">Any of these holds</option>
        </select>
        <button type="button" className="link-button" onClick={() => onChange({ not: value })} title="Match when this group does not hold">
          negate
        </button>
        {onRemove && (
          <button type="button" className="icon-button" onClick={onRemove} aria-label="Remove group" title="Remove group">
            ×
          </button>
        )}
      </div>
      <div className="cond-children">
        {children.length === 0 && <p className="muted small">No conditions: {joiner === 'all' ? 'always holds' : 'never holds'}.</p>}
        {children.map((child, i) => (
          <ConditionNode
            key={i}
            value={child}
            depth={depth + 1}
            factsList={factsList}
            onChange={(v) => setChildren(children.map((c, j) => (j === i ? v : c)))}
            onRemove={() => setChildren(children.filter((_, j) => j !== i))}
          />
        ))}
      </div>
      <div className="cond-actions">
        <button type="button" className="link-button" onClick={() => setChildren([...children, newLeaf()])}>
          + Condition
        </button>
        <button type="button" className="link-button" onClick={() => setChildren([...children, { all: [newLeaf()] }])}>
          + Group
        </button>
      </div>
    </div>
  );
}

export function ConditionNode(props: Props) {
  const { value, onChange, onRemove, factsList, depth } = props;
  if (!isRecord(value)) {
    return (
      <p className="field-problem">
        Not a condition: {JSON.stringify(value)}{' '}
        <button type="button" className="link-button" onClick={() => onChange(newLeaf())}>
          replace
        </button>
      </p>
    );
  }
  if ('not' in value) {
    return (
      <div className="cond-not">
        <div className="cond-group-head">
          <span className="cond-tag">NOT</span>
          <button type="button" className="link-button" onClick={() => onChange(value.not)} title="Remove the negation">
            un-negate
          </button>
          {onRemove && (
            <button type="button" className="icon-button" onClick={onRemove} aria-label="Remove" title="Remove">
              ×
            </button>
          )}
        </div>
        <ConditionNode value={value.not} onChange={(v) => onChange({ ...value, not: v })} factsList={factsList} depth={depth + 1} />
      </div>
    );
  }
  if ('all' in value || 'any' in value) return <Group {...props} value={value} />;
  return <ConditionLeaf value={value} onChange={onChange} {...(onRemove ? { onRemove } : {})} factsList={factsList} topLevel={depth === 0} />;
}
