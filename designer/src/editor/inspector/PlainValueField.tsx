/**
 * A plain value with its type beside it: the type shown is the value's own, and choosing another
 * converts the value (plainValue.ts) or says why it cannot, leaving the value as it was.
 */
import { useState } from 'react';
import { convertPlain, emptyPlain, plainTypeLabels, plainTypeOf, type PlainType } from './plainValue.ts';
import { SchemaField, type FieldProps } from './SchemaForm.tsx';
import type { JsonSchema } from './jsonSchema.ts';

export function PlainValueField(props: FieldProps & { id: string; options: { type: PlainType; schema: JsonSchema }[] }) {
  const { value, onChange, options, label, id } = props;
  const [refusal, setRefusal] = useState<string | null>(null);
  const current = plainTypeOf(value);
  const chosen = options.find((o) => o.type === current);
  const choose = (to: PlainType) => {
    const converted = convertPlain(value, to);
    if (!converted.ok) {
      setRefusal(converted.reason);
      return;
    }
    setRefusal(null);
    onChange(converted.value);
  };
  return (
    <div className="plain-value">
      <select aria-label={`${label}: type`} value={chosen?.type ?? ''} onChange={(e) => choose(options.find((o) => o.type === e.target.value)?.type ?? 'string')}>
        {chosen === undefined && <option value="">Choose a type…</option>}
        {options.map((o) => (
          <option key={o.type} value={o.type}>
            {plainTypeLabels[o.type]}
          </option>
        ))}
      </select>
      {chosen !== undefined && chosen.type !== 'null' && (
        <SchemaField
          schema={chosen.schema}
          value={value}
          onChange={(v) => {
            setRefusal(null);
            // A cleared field keeps its type: an empty value of it, not a missing one.
            onChange(v === undefined ? emptyPlain(chosen.type) : v);
          }}
          path={props.path}
          label={label}
          required
          problems={props.problems}
          id={id}
          bare
          {...(props.attributes ? { attributes: props.attributes } : {})}
        />
      )}
      {refusal !== null && (
        <p className="field-problem" role="alert">
          {refusal}
        </p>
      )}
    </div>
  );
}
