/** Fact names the rule builder suggests: the sample person's attributes, and the run's vars and steps. */
import { useMemo } from 'react';
import { useSample } from '../../sample.ts';

export function useFacts(): string[] {
  const attributes = useSample((s) => s.attributes);
  return useMemo(() => [...Object.keys(attributes).sort(), 'vars', 'steps', 'person'], [attributes]);
}
