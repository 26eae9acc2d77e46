/**
 * A form generated from a JSON Schema: text, numbers, switches, choices, nested objects, lists
 * and discriminated unions (`kind`). Action inputs and the data of wait, approval, end and other
 * steps are edited with it, so a field added to a zod schema shows up here without designer code.
 * Validation problems are shown under the field they concern.
 */
import { useId } from 'react';
import { ExpressionEditor } from '../expression/ExpressionEditor.tsx';
import { patched } from '../patch.ts';
import {
  asSchema,
  constOf,
  discriminatorOf,
  enumValues,
  fieldKind,
  initialValue,
  isRecord,
  optionLabel,
  properties,
  requiredOf,
  titleOf,
  unionOptions,
  type JsonSchema,
} from './jsonSchema.ts';
import { PlainValueField } from './PlainValueField.tsx';
import { plainOptions } from './plainValue.ts';

export interface FieldProps {
  schema: JsonSchema;
  value: unknown;
  /** `undefined` removes an optional field. */
  onChange: (value: unknown) => void;
  /** Where the value sits in the node's data, as the validator writes paths: `approvers[0].userId`. */
  path: string;
  label: string;
  required: boolean;
  /** Validation messages by data path. */
  problems: Readonly<Record<string, string>>;
  /** Attribute names offered by expression fields. */
  attributes?: readonly string[];
  /** The control's element id, when a label outside the form names it. */
  id?: string;
  /** Just the control, for a caller that draws its own label. */
  bare?: boolean;
}

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`);

function Help({ schema }: { schema: JsonSchema }) {
  return typeof schema.description === 'string' ? <p className="field-help">{schema.description}</p> : null;
}

function FieldProblem({ message }: { message: string | undefined }) {
  return message === undefined ? null : (
    <p className="field-problem" role="alert">
      {message}
    </p>
  );
}

function ScalarField(props: FieldProps & { id: string }) {
  const { schema, value, onChange, id, required } = props;
  const kind = fieldKind(schema);
  if (kind === 'boolean') {
    return <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked ? true : required ? false : undefined)} />;
  }
  if (kind === 'enum') {
    const options = enumValues(schema) ?? [];
    const index = options.findIndex((o) => o === value);
    return (
      <select id={id} value={index < 0 ? '' : String(index)} onChange={(e) => onChange(e.target.value === '' ? undefined : options[Number(e.target.value)])}>
        {(!required || index < 0) && <option value="">{required ? 'Choose…' : '(default)'}</option>}
        {options.map((o, i) => (
          <option key={String(o)} value={String(i)}>
            {String(o)}
          </option>
        ))}
      </select>
    );
  }
  if (kind === 'number' || kind === 'integer') {
    return (
      <input
        id={id}
        type="number"
        step={kind === 'integer' ? 1 : 'any'}
        value={typeof value === 'number' ? value : ''}
        placeholder={typeof schema.default === 'number' ? String(schema.default) : undefined}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    );
  }
  if (props.path.endsWith('expression')) {
    return <ExpressionEditor id={id} value={typeof value === 'string' ? value : ''} onChange={(v) => onChange(v)} attributes={props.attributes ?? []} />;
  }
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  const placeholder = typeof schema.default === 'string' ? schema.default : undefined;
  if (kind === 'text') {
    return <textarea id={id} rows={3} value={text} placeholder={placeholder} onChange={(e) => onChange(e.target.value === '' && !required ? undefined : e.target.value)} />;
  }
  return <input id={id} type="text" value={text} placeholder={placeholder} onChange={(e) => onChange(e.target.value === '' && !required ? undefined : e.target.value)} />;
}

function ObjectFields(props: FieldProps) {
  const { schema, onChange, path, problems } = props;
  const value = isRecord(props.value) ? props.value : {};
  const required = requiredOf(schema);
  return (
    <>
      {properties(schema).map(([key, child]) => {
        if (child.const !== undefined) return null;
        const set = (v: unknown) => onChange(patched(value, { [key]: v }));
        return (
          <SchemaField
            key={key}
            schema={child}
            value={value[key]}
            onChange={set}
            path={join(path, key)}
            label={titleOf(key)}
            required={required.has(key)}
            problems={problems}
            {...(props.attributes ? { attributes: props.attributes } : {})}
          />
        );
      })}
    </>
  );
}

function UnionField(props: FieldProps) {
  const { schema, value, onChange, path, problems } = props;
  const options = unionOptions(schema);
  const discriminator = discriminatorOf(options);
  const current = isRecord(value) && discriminator !== undefined ? options.findIndex((o) => constOf(o, discriminator) === value[discriminator]) : -1;
  const chosen = options[current];
  const id = useId();
  return (
    <div className="union-field">
      <select id={id} aria-label={`${props.label}: kind`} value={current < 0 ? '' : String(current)} onChange={(e) => onChange(initialValue(options[Number(e.target.value)] ?? {}))}>
        {current < 0 && <option value="">Choose…</option>}
        {options.map((o, i) => (
          <option key={i} value={String(i)}>
            {optionLabel(o, discriminator)}
          </option>
        ))}
      </select>
      {chosen && <ObjectFields {...props} schema={chosen} value={value} onChange={onChange} path={path} problems={problems} />}
    </div>
  );
}

function ArrayField(props: FieldProps) {
  const { schema, onChange, path, problems, label } = props;
  const items: readonly unknown[] = Array.isArray(props.value) ? props.value : [];
  const itemSchema = asSchema(schema.items);
  const itemKind = fieldKind(itemSchema);
  const nested = itemKind === 'object' || itemKind === 'union' || itemKind === 'array';
  const set = (i: number, v: unknown) => onChange(items.map((x, j) => (j === i ? v : x)));
  const remove = (i: number) => {
    const next = items.filter((_, j) => j !== i);
    onChange(next.length === 0 && !props.required ? undefined : next);
  };
  return (
    <div className="array-field">
      {items.map((item, i) => (
        <div key={i} className={nested ? 'array-item nested' : 'array-item'}>
          <SchemaField
            schema={itemSchema}
            value={item}
            onChange={(v) => set(i, v)}
            path={join(path, i)}
            label={`${label.replace(/s$/, '')} ${i + 1}`}
            required
            problems={problems}
            {...(props.attributes ? { attributes: props.attributes } : {})}
          />
          <button type="button" className="icon-button" onClick={() => remove(i)} aria-label={`Remove ${label.toLowerCase().replace(/s$/, '')} ${i + 1}`} title="Remove">
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link-button" onClick={() => onChange([...items, initialValue(itemSchema)])}>
        + Add {label.toLowerCase().replace(/s$/, '')}
      </button>
    </div>
  );
}

export function SchemaField(props: FieldProps) {
  const { schema, value, onChange, path, problems, label, required } = props;
  const ownId = useId();
  const id = props.id ?? ownId;
  const kind = fieldKind(schema);
  const problem = problems[path];
  if (kind === 'const') return null;
  // Text, number, yes/no, empty or a list: edited as the value it is, never as a union of objects.
  const plain = kind === 'union' ? plainOptions(schema) : undefined;
  if (plain !== undefined) {
    const field = <PlainValueField {...props} id={id} options={plain} />;
    if (props.bare === true) return field;
    return (
      <div className="field field-plain" data-path={path}>
        <label htmlFor={id} className="field-label">
          {label}
          {required && <span className="required" aria-hidden="true"> *</span>}
        </label>
        {field}
        <Help schema={schema} />
        <FieldProblem message={problem} />
      </div>
    );
  }
  if ((kind === 'object' || kind === 'union' || kind === 'array') && value === undefined && !required) {
    return (
      <div className="field field-optional">
        <span className="field-label">{label}</span>
        <Help schema={schema} />
        <button type="button" className="link-button" onClick={() => onChange(initialValue(schema))}>
          + Set {label.toLowerCase()}
        </button>
        <FieldProblem message={problem} />
      </div>
    );
  }
  if (kind === 'object' || kind === 'union' || kind === 'array') {
    return (
      <fieldset className="field group-field" data-path={path}>
        <legend>
          {label}
          {!required && (
            <button type="button" className="link-button" onClick={() => onChange(undefined)}>
              remove
            </button>
          )}
        </legend>
        <Help schema={schema} />
        {kind === 'object' && <ObjectFields {...props} />}
        {kind === 'union' && <UnionField {...props} />}
        {kind === 'array' && <ArrayField {...props} />}
        <FieldProblem message={problem} />
      </fieldset>
    );
  }
  if (props.bare === true) return <ScalarField {...props} id={id} />;
  return (
    <div className={`field field-${kind}`} data-path={path}>
      <label htmlFor={id} className="field-label">
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      <ScalarField {...props} id={id} />
      <Help schema={schema} />
      <FieldProblem message={problem} />
    </div>
  );
}

/** The fields of an object schema, without a frame around them. */
export function SchemaForm(props: Omit<FieldProps, 'label' | 'required' | 'path'> & { path?: string; omit?: readonly string[] }) {
  const schema = props.omit ? { ...props.schema, properties: Object.fromEntries(properties(props.schema).filter(([k]) => !(props.omit ?? []).includes(k))) } : props.schema;
  return <ObjectFields {...props} schema={schema} path={props.path ?? ''} label="" required />;
}
