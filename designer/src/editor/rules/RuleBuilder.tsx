/**
 * The rule builder: a visual editor for json-rules-engine conditions — nested all / any / not
 * groups, facts (person attributes, `vars`, `steps`) with an optional path, operators offered by
 * the kind of value compared. It edits the engine's JSON in place, so what it shows is exactly what
 * runs; the JSON view shows (and accepts) the same thing as text.
 */
import { useId, useState } from 'react';
import { topLevelConditionSchema } from '../../../../workflows/dsl/index.ts';
import { ConditionNode } from './ConditionNode.tsx';

interface Props {
  value: unknown;
  onChange: (value: unknown) => void;
  /** Fact names to suggest (the sample person's attributes, vars, steps). */
  facts: readonly string[];
  label: string;
}

export function RuleBuilder({ value, onChange, facts, label }: Props) {
  const [mode, setMode] = useState<'visual' | 'json'>('visual');
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | null>(null);
  const factsId = useId();

  const showJson = () => {
    setText(JSON.stringify(value, null, 2));
    setTextError(null);
    setMode('json');
  };
  const applyJson = (next: string) => {
    setText(next);
    try {
      const parsed = topLevelConditionSchema.safeParse(JSON.parse(next));
      if (!parsed.success) {
        setTextError(`Not a condition: ${parsed.error.issues[0]?.message ?? 'unexpected shape'} (expected { "all": [...] }, { "any": [...] } or { "not": {...} })`);
        return;
      }
      setTextError(null);
      onChange(parsed.data);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      setTextError(`Not JSON yet: ${error.message}`);
    }
  };

  return (
    <div className="rule-builder" aria-label={label} role="group">
      <div className="segmented" role="tablist" aria-label={`${label}: view`}>
        <button type="button" role="tab" aria-selected={mode === 'visual'} onClick={() => setMode('visual')}>
          Visual
        </button>
        <button type="button" role="tab" aria-selected={mode === 'json'} onClick={showJson}>
          JSON
        </button>
      </div>
      <datalist id={factsId}>
        {facts.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      {mode === 'visual' ? (
        <ConditionNode value={value} onChange={onChange} factsList={factsId} depth={0} />
      ) : (
        <>
          <textarea className="code" rows={Math.min(18, Math.max(4, text.split('\n').length))} value={text} onChange={(e) => applyJson(e.target.value)} aria-label={`${label} as JSON`} spellCheck={false} />
          {textError !== null && <p className="field-problem">{textError}</p>}
        </>
      )}
    </div>
  );
}
