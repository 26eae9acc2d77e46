/**
 * The expression editor for parameters: the text is coloured as typed (a highlighted layer under a
 * transparent textarea), function and attribute names complete, a syntax error is marked at its
 * position with the parser's message, and the value is previewed live for the sample person with
 * the run variables and step outputs the path to the step would have set (previewFacts.ts).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { evaluateExpression, parseExpression } from '../../../../workflows/dsl/expressions/index.ts';
import { expressionAttributes } from '../../../../workflows/dsl/params.ts';
import { useSample } from '../../sample.ts';
import { completionsAt, type Completion } from './complete.ts';
import { highlight } from './highlight.ts';
import { usePreviewFacts, type PreviewFacts } from './previewFacts.ts';

interface Props {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  /** Names offered after "[" besides the sample person's attributes (`steps.create.dn`, …). */
  attributes: readonly string[];
  label?: string;
}

type Preview = { kind: 'value'; text: string } | { kind: 'error'; text: string } | { kind: 'none' };

function usePreview(source: string, ok: boolean, facts: PreviewFacts): Preview {
  const [preview, setPreview] = useState<Preview>({ kind: 'none' });
  useEffect(() => {
    let current = true;
    const parsed = parseExpression(source);
    if (!ok || !parsed.ok || source.trim() === '') {
      setPreview({ kind: 'none' });
      return;
    }
    const timer = setTimeout(() => {
      // As Simulate: the flattened facts, and every unique value free.
      evaluateExpression(parsed.ast, { attributes: expressionAttributes(facts), now: new Date(), random: Math.random, isUnique: () => Promise.resolve(true) })
        .then((r) => {
          if (!current) return;
          const shown = r.ignore ? '(left out: IgnoreFlowIfNullOrEmpty saw no value)' : JSON.stringify(r.logValue);
          setPreview({ kind: 'value', text: shown });
        })
        .catch((e: unknown) => {
          if (current) setPreview({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
        });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [source, ok, facts]);
  return preview;
}

export function ExpressionEditor({ id, value, onChange, attributes, label }: Props) {
  const sampleAttributes = useSample((s) => s.attributes);
  const sampleName = useSample((s) => s.employeeId);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const layer = useRef<HTMLPreElement>(null);
  const [completion, setCompletion] = useState<Completion | null>(null);
  const [active, setActive] = useState(0);
  const pendingCaret = useRef<number | null>(null);

  const parsed = useMemo(() => parseExpression(value), [value]);
  const error = parsed.ok || value.trim() === '' ? null : parsed.error;
  const spans = useMemo(() => highlight(value), [value]);
  const facts = usePreviewFacts();
  const preview = usePreview(value, error === null, facts);
  const names = useMemo(() => [...new Set([...Object.keys(sampleAttributes), 'employeeId', ...Object.keys(facts.vars).map((k) => `vars.${k}`), ...attributes])], [sampleAttributes, facts.vars, attributes]);

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret === null || !textarea.current) return;
    textarea.current.setSelectionRange(caret, caret);
    pendingCaret.current = null;
  });

  const refresh = (text: string, caret: number) => {
    const next = completionsAt(text, caret, names);
    setCompletion(next);
    setActive(0);
  };

  const accept = (index: number) => {
    const item = completion?.items[index];
    if (!completion || !item) return;
    const text = value.slice(0, completion.from) + item.insert + value.slice(completion.to);
    pendingCaret.current = completion.from + item.insert.length;
    setCompletion(null);
    onChange(text);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!completion) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = completion.items.length;
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      accept(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setCompletion(null);
    }
  };

  const errorAt = error ? Math.min(error.offset, value.length) : -1;
  const listId = `${id ?? 'expr'}-suggestions`;
  return (
    <div className="expr">
      <div className="expr-box" data-invalid={error !== null || undefined}>
        <pre className="expr-layer" ref={layer} aria-hidden="true">
          {spans.map((s) => {
            const text = value.slice(s.start, s.end);
            if (errorAt >= s.start && errorAt < s.end) {
              const k = errorAt - s.start;
              return (
                <span key={s.start} className={`tok-${s.kind}`}>
                  {text.slice(0, k)}
                  <span className="tok-error">{text.charAt(k)}</span>
                  {text.slice(k + 1)}
                </span>
              );
            }
            return (
              <span key={s.start} className={`tok-${s.kind}`}>
                {text}
              </span>
            );
          })}
          {errorAt === value.length && <span className="tok-error"> </span>}
          {'\n'}
        </pre>
        <textarea
          id={id}
          ref={textarea}
          className="expr-input"
          value={value}
          spellCheck={false}
          autoComplete="off"
          rows={Math.max(1, value.split('\n').length)}
          aria-label={label}
          aria-invalid={error !== null}
          aria-autocomplete="list"
          aria-controls={completion ? listId : undefined}
          aria-expanded={completion !== null}
          role="combobox"
          placeholder='e.g. Join(" ", [givenName], [surname])'
          onChange={(e) => {
            onChange(e.target.value);
            refresh(e.target.value, e.target.selectionStart);
          }}
          onKeyDown={onKeyDown}
          onClick={(e) => refresh(value, e.currentTarget.selectionStart)}
          onBlur={() => setCompletion(null)}
          onScroll={(e) => {
            if (layer.current) layer.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
        {completion && (
          <ul className="expr-suggestions" id={listId} role="listbox">
            {completion.items.map((item, i) => (
              <li
                key={item.label}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'is-active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(i);
                }}
              >
                <span className="suggestion-label">{item.label}</span>
                <span className="suggestion-detail">{item.detail}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <p className="field-problem expr-error" role="alert">
          {/line \d+, column \d+/.test(error.message) ? error.message : `Line ${error.line}, column ${error.column}: ${error.message}`}
        </p>
      )}
      {preview.kind === 'value' && (
        <p className="expr-preview" aria-live="polite">
          <span className="muted">For {sampleName}:</span> <code data-testid="expression-preview">{preview.text}</code>
          {facts.note !== null && <span className="muted small"> ({facts.note})</span>}
        </p>
      )}
      {preview.kind === 'error' && <p className="field-problem expr-eval-error">For {sampleName}: {preview.text}</p>}
    </div>
  );
}
