/**
 * Creates or edits one connection, with fields drawn from its connector's JSON Schema (GET
 * /api/connectors), so a setting added to a connector's declaration shows up here unasked.
 *
 * Secrets are write-only: the form never holds a stored secret, only whether it is set. A set secret
 * shows "set" and a Replace button; an edit sends only the secrets typed in, and the server keeps
 * the others as they are.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import { ApiFailure, describeError } from '../api/client.ts';
import { createConnection, updateConnection, type ConnectionView, type ConnectorView } from '../api/connections.ts';
import { useConnections } from '../connections.ts';
import { SchemaField, SchemaForm } from '../editor/inspector/SchemaForm.tsx';
import { discriminatorOf, initialValue, isRecord, titleOf, unionOptions, type JsonSchema } from '../editor/inspector/jsonSchema.ts';
import { ErrorNote } from '../ui/common.tsx';
import { parseJsonObject, secretFieldsOf, sortProblems, splitSettings, type FormProblems, type SecretField } from './connectionForm.ts';

const noProblems: FormProblems = { config: {}, secrets: {}, top: {}, other: [] };

function FieldProblem({ message }: { message: string | undefined }) {
  return message === undefined ? null : (
    <p className="field-problem" role="alert">
      {message}
    </p>
  );
}

function SecretInput({ field, stored, value, onChange, problem }: { field: SecretField; stored: boolean; value: string | undefined; onChange: (v: string | undefined) => void; problem: string | undefined }) {
  const id = useId();
  const label = titleOf(field.name);
  const editing = value !== undefined;
  return (
    <div className="field secret-field" data-secret={field.name}>
      <div className="secret-head">
        <label htmlFor={id} className="field-label">
          {label}
          {field.required && !stored && <span className="required" aria-hidden="true"> *</span>}
        </label>
        {stored && (
          <span className="chip chip-secret" data-testid={`secret-${field.name}-state`}>
            set
          </span>
        )}
      </div>
      {stored && !editing ? (
        <button type="button" className="button small" onClick={() => onChange('')} aria-label={`Replace ${label.toLowerCase()}`}>
          Replace
        </button>
      ) : field.text ? (
        <input id={id} type="password" autoComplete="new-password" value={value ?? ''} placeholder={stored ? 'the new value' : ''} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <textarea id={id} rows={3} value={value ?? ''} placeholder='{"Authorization": "Bearer …"}' onChange={(e) => onChange(e.target.value)} />
      )}
      {stored && editing && (
        <button type="button" className="link-button small" onClick={() => onChange(undefined)}>
          Keep the stored {label.toLowerCase()}
        </button>
      )}
      {typeof field.schema.description === 'string' && <p className="field-help">{field.schema.description}</p>}
      {!stored && !field.text && <p className="field-help">A JSON object.</p>}
      <FieldProblem message={problem} />
    </div>
  );
}

interface Props {
  connectors: readonly ConnectorView[];
  /** The connection to edit; null to create one. */
  existing: ConnectionView | null;
  /** For a new connection: a starting id and kind (the checklist of a definition offers the ones it names). */
  start?: { id?: string; kind?: string };
  onSaved: (connection: ConnectionView) => void;
  onCancel: () => void;
}

export function ConnectionForm({ connectors, existing, start, onSaved, onCancel }: Props) {
  const [kind, setKind] = useState(existing?.kind ?? start?.kind ?? '');
  const connector = connectors.find((c) => c.kind === kind);
  const [id, setId] = useState(existing?.id ?? start?.id ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [config, setConfig] = useState<unknown>(() => existing?.config ?? (connector ? initialValue(connector.config) : {}));
  const [maps, setMaps] = useState<Record<string, string>>(() =>
    Object.fromEntries((connector ? splitSettings(connector.config).maps : []).flatMap(([k]) => (isRecord(existing?.config[k]) ? [[k, JSON.stringify(existing.config[k], null, 2)]] : []))),
  );
  // Only what the person typed: undefined keeps the stored secret (or sets none).
  const [secrets, setSecrets] = useState<Record<string, string | undefined>>({});
  const [problems, setProblems] = useState<FormProblems>(noProblems);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = { kind: useId(), id: useId(), name: useId() };

  const chooseKind = (next: string) => {
    setKind(next);
    const chosen = connectors.find((c) => c.kind === next);
    setConfig(chosen ? initialValue(chosen.config) : {});
    setMaps({});
    setSecrets({});
    setProblems(noProblems);
  };

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (!connector) return;
    const found: FormProblems = { config: {}, secrets: {}, top: {}, other: [] };
    const mapKeys = splitSettings(connector.config).maps.map(([key]) => key);
    const settings: Record<string, unknown> = Object.fromEntries(Object.entries(isRecord(config) ? config : {}).filter(([key]) => !mapKeys.includes(key)));
    for (const key of mapKeys) {
      const parsed = parseJsonObject(maps[key] ?? '');
      if (!parsed.ok) found.config[key] = parsed.message;
      else if (parsed.value !== undefined) settings[key] = parsed.value;
    }
    const typed: Record<string, unknown> = {};
    for (const field of secretFieldsOf(connector.secrets)) {
      const text = secrets[field.name];
      if (text === undefined || text === '') continue;
      if (field.text) typed[field.name] = text;
      else {
        const parsed = parseJsonObject(text);
        if (parsed.ok) typed[field.name] = parsed.value;
        else found.secrets[field.name] = parsed.message;
      }
    }
    if (Object.keys(found.config).length > 0 || Object.keys(found.secrets).length > 0) {
      setProblems(found);
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      const input = { id: id.trim(), kind: connector.kind, name: name.trim(), config: settings, secrets: typed };
      const saved = existing ? await updateConnection(input) : await createConnection(input);
      useConnections.getState().upsert(saved);
      setProblems(noProblems);
      setSecrets({});
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiFailure) setProblems(sortProblems(error.details));
      setFailure(describeError(error));
    } finally {
      setSaving(false);
    }
  };

  const settings = connector ? splitSettings(connector.config) : null;
  const secretFields = connector ? secretFieldsOf(connector.secrets) : [];
  return (
    <form className="connection-form" aria-label={existing ? `Edit ${existing.name}` : 'New connection'} onSubmit={(e) => void submit(e)} noValidate>
      <h2>{existing ? `Edit ${existing.name}` : 'New connection'}</h2>
      <div className="field">
        <label htmlFor={ids.kind} className="field-label">
          Kind<span className="required" aria-hidden="true"> *</span>
        </label>
        <select id={ids.kind} value={kind} disabled={existing !== null} onChange={(e) => chooseKind(e.target.value)}>
          {kind === '' && <option value="">Choose…</option>}
          {connectors.map((c) => (
            <option key={c.kind} value={c.kind}>
              {c.label} ({c.kind})
            </option>
          ))}
        </select>
        <FieldProblem message={problems.top.kind} />
      </div>
      <div className="field">
        <label htmlFor={ids.id} className="field-label">
          Id<span className="required" aria-hidden="true"> *</span>
        </label>
        <input id={ids.id} type="text" value={id} readOnly={existing !== null} onChange={(e) => setId(e.target.value)} />
        <p className="field-help">What steps name in their connection; it cannot change later.</p>
        <FieldProblem message={problems.top.id} />
      </div>
      <div className="field">
        <label htmlFor={ids.name} className="field-label">
          Name<span className="required" aria-hidden="true"> *</span>
        </label>
        <input id={ids.name} type="text" value={name} onChange={(e) => setName(e.target.value)} />
        <FieldProblem message={problems.top.name} />
      </div>
      {connector && settings && (
        <>
          <fieldset className="form-section" aria-label="Settings">
            <legend>Settings</legend>
            {unionOptions(connector.config).length > 0 ? (
              // Settings of several shapes (the HR connector's webhook or SCIM mode): choose the shape, then its fields.
              <SchemaField schema={connector.config} value={config} onChange={setConfig} path="" label={titleOf(discriminatorOf(unionOptions(connector.config)) ?? 'kind')} required problems={problems.config} />
            ) : (
              <SchemaForm schema={settings.fields} value={config} onChange={setConfig} problems={problems.config} />
            )}
            {settings.maps.map(([key, schema]) => (
              <MapField key={key} name={key} schema={schema} value={maps[key] ?? ''} onChange={(v) => setMaps({ ...maps, [key]: v })} problem={problems.config[key]} />
            ))}
          </fieldset>
          {secretFields.length > 0 && (
            <fieldset className="form-section" aria-label="Secrets">
              <legend>Secrets</legend>
              <p className="field-help">Stored encrypted and never shown again, not even here.</p>
              {secretFields.map((f) => (
                <SecretInput
                  key={`${kind}-${f.name}`}
                  field={f}
                  stored={existing?.secretFields.includes(f.name) ?? false}
                  value={secrets[f.name]}
                  onChange={(v) => setSecrets({ ...secrets, [f.name]: v })}
                  problem={problems.secrets[f.name]}
                />
              ))}
            </fieldset>
          )}
        </>
      )}
      {failure !== null && <ErrorNote message={[failure, ...problems.other].join(' ')} />}
      <div className="button-row">
        <button type="submit" className="button primary" disabled={saving || !connector}>
          {existing ? 'Save' : 'Create'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function MapField({ name, schema, value, onChange, problem }: { name: string; schema: JsonSchema; value: string; onChange: (v: string) => void; problem: string | undefined }) {
  const id = useId();
  return (
    <div className="field" data-path={name}>
      <label htmlFor={id} className="field-label">
        {titleOf(name)}
      </label>
      <textarea id={id} rows={3} value={value} placeholder='{"X-Tenant": "acme"}' onChange={(e) => onChange(e.target.value)} />
      <p className="field-help">{typeof schema.description === 'string' ? `${schema.description} ` : ''}A JSON object of names and values.</p>
      <FieldProblem message={problem} />
    </div>
  );
}
