/** One comparison: fact (and optional path) · operator · value, with inputs typed by the value's kind. */
import { useId } from 'react';
import { convert, kindLabels, kindOf, kindsFor, operators, parseList, takesValue, type ValueKind } from './operators.ts';

interface Props {
  value: Record<string, unknown>;
  onChange: (value: unknown) => void;
  onRemove?: () => void;
  factsList: string;
  topLevel: boolean;
}

function ValueInput({ value, kind, onChange, label }: { value: unknown; kind: ValueKind; onChange: (v: unknown) => void; label: string }) {
  switch (kind) {
    case 'number':
      return <input type="number" step="any" aria-label={label} value={typeof value === 'number' ? value : 0} onChange={(e) => onChange(e.target.value === '' ? 0 : Number(e.target.value))} />;
    case 'boolean':
      return (
        <select aria-label={label} value={value === true ? 'true' : 'false'} onChange={(e) => onChange(e.target.value === 'true')}>
          <option value="true">yes (true)</option>
          <option value="false">no (false)</option>
        </select>
      );
    case 'list': {
      const items: readonly unknown[] = Array.isArray(value) ? value : [];
      const numeric = items.length > 0 && items.every((i) => typeof i === 'number');
      return (
        <input
          type="text"
          aria-label={label}
          placeholder="a, b, c"
          defaultValue={items.map(String).join(', ')}
          key={items.map(String).join(',')}
          onBlur={(e) => onChange(parseList(e.target.value, numeric))}
        />
      );
    }
    case 'empty':
      return <span className="muted small">null</span>;
    case 'text':
      return <input type="text" aria-label={label} value={typeof value === 'string' ? value : String(value)} onChange={(e) => onChange(e.target.value)} />;
  }
}

export function ConditionLeaf({ value, onChange, onRemove, factsList, topLevel }: Props) {
  const id = useId();
  const fact = typeof value.fact === 'string' ? value.fact : '';
  const operator = typeof value.operator === 'string' ? value.operator : 'equal';
  const kind = kindOf(value.value);
  const allowed = kindsFor(operator);
  const known = operators.some((o) => o.id === operator);
  const path = typeof value.path === 'string' ? value.path : undefined;
  const needsPath = fact === 'vars' || fact === 'steps' || fact === 'person' || path !== undefined;

  const hasValue = takesValue(operator);

  const setOperator = (op: string) => {
    if (!takesValue(op)) {
      onChange({ ...value, operator: op, value: null });
      return;
    }
    const kinds = kindsFor(op);
    // Coming from a presence operator, the null it carried is no value to keep.
    const nextKind = hasValue && kinds.includes(kind) ? kind : (kinds[0] ?? 'text');
    onChange({ ...value, operator: op, value: convert(value.value, nextKind) });
  };

  return (
    <div className="cond-leaf">
      {topLevel && (
        <p className="field-problem">
          A rule starts with a group.{' '}
          <button type="button" className="link-button" onClick={() => onChange({ all: [value] })}>
            Put this in a group
          </button>
        </p>
      )}
      <div className="cond-leaf-row">
        <div className="cond-leaf-fields">
          <div className="cond-subject">
            <input id={`${id}-fact`} className="cond-fact" type="text" list={factsList} placeholder="fact, e.g. department" aria-label="Fact" value={fact} onChange={(e) => onChange({ ...value, fact: e.target.value })} />
            {needsPath && (
              <input
                className="cond-path"
                type="text"
                placeholder="$.name"
                aria-label="Path in the fact"
                value={path ?? ''}
                onChange={(e) => {
                  const { path: _old, ...rest } = value;
                  onChange(e.target.value === '' ? rest : { ...rest, path: e.target.value });
                }}
              />
            )}
          </div>
          <div className="cond-test">
            <select className="cond-operator" aria-label="Operator" value={operator} onChange={(e) => setOperator(e.target.value)}>
              {!known && <option value={operator}>{operator}</option>}
              {operators.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
            {hasValue && allowed.length > 1 && (
              <select className="cond-kind" aria-label="Kind of value" value={kind} onChange={(e) => onChange({ ...value, value: convert(value.value, allowed.find((k) => k === e.target.value) ?? 'text') })}>
                {allowed.map((k) => (
                  <option key={k} value={k}>
                    {kindLabels[k]}
                  </option>
                ))}
              </select>
            )}
            {hasValue && <ValueInput value={value.value} kind={kind} onChange={(v) => onChange({ ...value, value: v })} label="Value" />}
          </div>
        </div>
        {onRemove && (
          <button type="button" className="icon-button" onClick={onRemove} aria-label="Remove condition" title="Remove condition">
            ×
          </button>
        )}
      </div>
    </div>
  );
}
