/**
 * Autocomplete for expressions: attribute names after "[", function names (from the language's
 * own list, `expressionFunctions`) while typing a name. Nothing is offered inside a string.
 */
import { expressionFunctions } from '../../../../workflows/dsl/expressions/index.ts';

export interface Suggestion {
  label: string;
  /** Text that replaces [from, to). */
  insert: string;
  detail: string;
}

export interface Completion {
  from: number;
  to: number;
  items: Suggestion[];
}

function insideString(text: string): boolean {
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '\\' && open) i++;
    else if (ch === '"') open = !open;
  }
  return open;
}

export function completionsAt(text: string, caret: number, attributes: readonly string[]): Completion | null {
  const before = text.slice(0, caret);
  if (insideString(before)) return null;
  const attribute = /\[([^\]"]*)$/.exec(before);
  if (attribute) {
    const typed = (attribute[1] ?? '').toLowerCase();
    const from = caret - (attribute[1] ?? '').length;
    const closes = text.charAt(caret) === ']';
    const items = attributes
      .filter((a) => a.toLowerCase().includes(typed))
      .sort((a, b) => Number(!a.toLowerCase().startsWith(typed)) - Number(!b.toLowerCase().startsWith(typed)) || a.localeCompare(b))
      .slice(0, 12)
      .map((a) => ({ label: a, insert: closes ? a : `${a}]`, detail: 'attribute' }));
    return items.length > 0 ? { from, to: caret, items } : null;
  }
  const name = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before);
  if (!name) return null;
  const typed = name[0].toLowerCase();
  const items = expressionFunctions
    .filter((f) => f.name.toLowerCase().startsWith(typed) && f.name.toLowerCase() !== typed)
    .slice(0, 12)
    .map((f) => ({ label: f.name, insert: `${f.name}(`, detail: `${f.signature} — ${f.description}` }));
  return items.length > 0 ? { from: caret - name[0].length, to: caret, items } : null;
}
