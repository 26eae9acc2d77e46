/** Edits the sample person (employee id and attributes as JSON) used by previews, simulations and "run now". */
import { useId, useState } from 'react';
import { useSample } from '../../sample.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function SampleEditor({ onValidity }: { onValidity?: (valid: boolean) => void }) {
  const id = useId();
  const employeeId = useSample((s) => s.employeeId);
  const attributes = useSample((s) => s.attributes);
  const setSample = useSample((s) => s.setSample);
  const [text, setText] = useState(() => JSON.stringify(attributes, null, 2));
  const [error, setError] = useState<string | null>(null);

  const onText = (next: string) => {
    setText(next);
    try {
      const parsed: unknown = JSON.parse(next);
      if (!isRecord(parsed)) {
        setError('The attributes must be a JSON object, e.g. { "department": "Sales" }.');
        onValidity?.(false);
        return;
      }
      setError(null);
      onValidity?.(true);
      setSample(useSample.getState().employeeId, parsed);
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      setError(`Not valid JSON: ${e.message}`);
      onValidity?.(false);
    }
  };

  return (
    <div className="sample">
      <div className="field">
        <label htmlFor={`${id}-employee`} className="field-label">
          Employee id
        </label>
        <input id={`${id}-employee`} type="text" value={employeeId} onChange={(e) => setSample(e.target.value, useSample.getState().attributes)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-attributes`} className="field-label">
          Attributes (JSON)
        </label>
        <textarea id={`${id}-attributes`} className="code" rows={Math.min(14, text.split('\n').length + 1)} value={text} spellCheck={false} onChange={(e) => onText(e.target.value)} aria-invalid={error !== null} />
        {error !== null && <p className="field-problem">{error}</p>}
      </div>
    </div>
  );
}
