/**
 * The definition's own settings, shown when no step is selected: name, id, lifecycle, and the
 * trigger — which HR events start it, for whom (a rule), on which changed attributes, and when.
 */
import { useId } from 'react';
import { lifecycleKinds, triggerEventTypes } from '../../../../workflows/dsl/index.ts';
import { RuleBuilder } from '../rules/RuleBuilder.tsx';
import { newLeaf } from '../rules/ConditionNode.tsx';
import { useEditor } from '../store.ts';
import { useFacts } from './facts.ts';
import { patched } from '../patch.ts';
import { isRecord } from './jsonSchema.ts';

function problemAt(problems: readonly { path: string; message: string; nodeId?: string; edgeId?: string }[], path: string): string | undefined {
  const found = problems.filter((p) => p.nodeId === undefined && p.edgeId === undefined && (p.path === path || p.path.startsWith(`${path}.`)));
  return found.length === 0 ? undefined : found.map((p) => p.message).join(' ');
}

export function DefinitionForm() {
  const meta = useEditor((s) => s.meta);
  const exists = useEditor((s) => s.stored.exists);
  const readOnly = useEditor((s) => s.readOnly);
  const problems = useEditor((s) => s.problems);
  const updateMeta = useEditor((s) => s.updateMeta);
  const facts = useFacts();
  const id = useId();
  const trigger = meta.trigger;
  const events: readonly unknown[] = Array.isArray(trigger.events) ? trigger.events : [];
  const changed: readonly unknown[] = Array.isArray(trigger.changedAttributes) ? trigger.changedAttributes : [];
  const date = isRecord(trigger.date) ? trigger.date : undefined;
  const setTrigger = (patch: Record<string, unknown>) => {
    updateMeta({ trigger: patched(trigger, patch) }, 'trigger');
  };

  return (
    <fieldset className="inspector-body" disabled={readOnly}>
      <h3 className="inspector-title">Definition</h3>
      <div className="field">
        <label htmlFor={`${id}-name`} className="field-label">
          Name<span className="required" aria-hidden="true"> *</span>
        </label>
        <input id={`${id}-name`} type="text" value={meta.name} onChange={(e) => updateMeta({ name: e.target.value }, 'name')} />
        {problemAt(problems, 'name') !== undefined && <p className="field-problem">{problemAt(problems, 'name')}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-id`} className="field-label">
          Id<span className="required" aria-hidden="true"> *</span>
        </label>
        <input id={`${id}-id`} type="text" value={meta.id} disabled={exists} onChange={(e) => updateMeta({ id: e.target.value }, 'id')} />
        <p className="field-help">{exists ? 'Fixed once saved: runs and revisions refer to it.' : 'Letters, digits, “-”, “_”, “.”; fixed once saved.'}</p>
        {problemAt(problems, 'id') !== undefined && <p className="field-problem">{problemAt(problems, 'id')}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-lifecycle`} className="field-label">
          Lifecycle
        </label>
        <select id={`${id}-lifecycle`} value={meta.lifecycle} onChange={(e) => updateMeta({ lifecycle: e.target.value })}>
          {lifecycleKinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`} className="field-label">
          Description
        </label>
        <textarea id={`${id}-description`} rows={2} value={meta.description} onChange={(e) => updateMeta({ description: e.target.value }, 'description')} />
      </div>

      <section className="form-section" aria-label="Trigger">
        <h4>Trigger</h4>
        <fieldset className="field checkbox-row">
          <legend className="field-label">Events that start it</legend>
          {triggerEventTypes.map((t) => (
            <label key={t} className="checkbox" title={t === 'managerReady' ? 'Not an HR event: the manager this person names (managerId) got their accounts (their Joiner or Rehire succeeded)' : undefined}>
              <input type="checkbox" checked={events.includes(t)} onChange={(e) => setTrigger({ events: e.target.checked ? [...events, t] : events.filter((x) => x !== t) })} />
              {t}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <span className="field-label">Who</span>
          {trigger.scope === undefined ? (
            <p className="small">
              Everyone.{' '}
              <button type="button" className="link-button" onClick={() => setTrigger({ scope: { all: [newLeaf()] } })}>
                Only people matching a rule…
              </button>
            </p>
          ) : (
            <>
              <RuleBuilder label="Who the definition applies to" value={trigger.scope} onChange={(scope) => setTrigger({ scope })} facts={facts} />
              <button type="button" className="link-button" onClick={() => setTrigger({ scope: undefined })}>
                Apply to everyone instead
              </button>
            </>
          )}
          {problemAt(problems, 'trigger.scope') !== undefined && <p className="field-problem">{problemAt(problems, 'trigger.scope')}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-changed`} className="field-label">
            Only when one of these attributes changed
          </label>
          <input
            id={`${id}-changed`}
            type="text"
            placeholder="department, title"
            defaultValue={changed.map(String).join(', ')}
            onBlur={(e) => {
              const list = e.target.value.split(',').map((s) => s.trim()).filter(Boolean);
              setTrigger({ changedAttributes: list.length === 0 ? undefined : list });
            }}
          />
          <p className="field-help">For movers; leave empty to run on any change.</p>
        </div>
        <div className="field">
          <span className="field-label">When</span>
          {date === undefined ? (
            <p className="small">
              As soon as the event arrives.{' '}
              <button type="button" className="link-button" onClick={() => setTrigger({ date: { attribute: 'hireDate', offsetDays: -7 } })}>
                Relative to a date…
              </button>
            </p>
          ) : (
            <div className="inline-fields">
              <input type="number" aria-label="Days from the date (negative: before)" value={typeof date.offsetDays === 'number' ? date.offsetDays : 0} onChange={(e) => setTrigger({ date: { ...date, offsetDays: Number(e.target.value) } })} />
              <span className="small">days from</span>
              <input type="text" aria-label="Date attribute" value={typeof date.attribute === 'string' ? date.attribute : ''} onChange={(e) => setTrigger({ date: { ...date, attribute: e.target.value } })} />
              <button type="button" className="icon-button" onClick={() => setTrigger({ date: undefined })} aria-label="Remove the date" title="Remove">
                ×
              </button>
            </div>
          )}
          {problemAt(problems, 'trigger.date') !== undefined && <p className="field-problem">{problemAt(problems, 'trigger.date')}</p>}
        </div>
      </section>
    </fieldset>
  );
}
