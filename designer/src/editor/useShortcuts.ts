/**
 * Keyboard shortcuts of the editor. Typing in a field keeps its own keys (undo inside a text box
 * undoes the text, not the graph); Delete and Backspace are React Flow's.
 */
import { useEffect } from 'react';
import { useEditor } from './store.ts';
import { useFitReadable } from './viewport.ts';

export const shortcuts: [string, string][] = [
  ['Ctrl Z', 'Undo'],
  ['Ctrl Shift Z / Ctrl Y', 'Redo'],
  ['Ctrl C / Ctrl V', 'Copy and paste steps'],
  ['Ctrl D', 'Duplicate steps'],
  ['Delete / Backspace', 'Delete the selection'],
  ['Ctrl A', 'Select every step'],
  ['Ctrl S', 'Save the draft'],
  ['Shift 1', 'Zoom to fit'],
  ['Shift L', 'Tidy the layout'],
  ['Escape', 'Clear the selection'],
];

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcuts(actions: { save: () => void; layout: () => void }): void {
  const fitReadable = useFitReadable();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        actions.save();
        return;
      }
      if (typingIn(e.target)) return;
      const s = useEditor.getState();
      if (mod && key === 'z' && !e.shiftKey) s.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) s.redo();
      else if (mod && key === 'c') s.copy();
      else if (mod && key === 'v') s.paste();
      else if (mod && key === 'd') {
        s.copy();
        s.paste();
      } else if (mod && key === 'a') {
        useEditor.setState({ nodes: s.nodes.map((n) => ({ ...n, selected: true })) });
      } else if (e.shiftKey && e.code === 'Digit1') fitReadable({ duration: 300 });
      else if (e.shiftKey && key === 'l') actions.layout();
      else if (key === 'escape') s.select(null);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fitReadable, actions]);
}
