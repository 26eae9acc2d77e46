/**
 * One action parameter: a constant edited with the field its JSON Schema describes, or an
 * expression in the mapping language evaluated when the step runs.
 */
import { useId } from 'react';
import { ExpressionEditor } from '../expression/ExpressionEditor.tsx';
import { isRecord, titleOf, type JsonSchema } from './jsonSchema.ts';
import { SchemaField } from './SchemaForm.tsx';

interface Props {
  name: string;
  schema: JsonSchema;
  value: unknown;
  required: boolean;
  secret: boolean;
  onChange: (value: unknown) => void;
  problems: Readonly<Record<string, string>>;
  attributes: readonly string[];
}

export function isExpression(v: unknown): v is { expression: string } {
  return isRecord(v) && typeof v.expression === 'string' && Object.keys(v).length === 1;
}

export function ParamField({ name, schema, value, required, secret, onChange, problems, attributes }: Props) {
  const id = useId();
  const expression = isExpression(value);
  const path = `params.${name}`;
  // An expression's syntax error is shown by the editor itself, at its position.
  const problem = problems[path];
  const toExpression = () => onChange({ expression: typeof value === 'string' ? JSON.stringify(value) : value === undefined ? '' : JSON.stringify(value) });
  const toValue = () => onChange(undefined);
  return (
    <div className="param" data-param={name}>
      <div className="param-head">
        <label htmlFor={id} className="field-label">
          {titleOf(name)}
          {required && <span className="required" aria-hidden="true"> *</span>}
          {secret && <span className="chip chip-secret" title="Never shown in simulations, traces or logs">secret</span>}
        </label>
        <div className="segmented small" role="group" aria-label={`${titleOf(name)}: value or expression`}>
          <button type="button" aria-pressed={!expression} onClick={() => expression && toValue()}>
            Value
          </button>
          <button type="button" aria-pressed={expression} onClick={() => !expression && toExpression()}>
            Expression
          </button>
        </div>
      </div>
      {expression ? (
        <ExpressionEditor id={id} value={value.expression} onChange={(text) => onChange({ expression: text })} attributes={attributes} label={`${titleOf(name)} expression`} />
      ) : (
        <SchemaField schema={schema} value={value} onChange={onChange} path={path} label={titleOf(name)} required={required} problems={{}} attributes={attributes} id={id} bare />
      )}
      {typeof schema.description === 'string' && <p className="field-help">{schema.description}</p>}
      {problem !== undefined && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
