/**
 * The lifecycle run's entry. Temporal's TypeScript worker evaluates a workflow's modules anew for
 * every workflow it instantiates, and person workflows (tens of thousands, open for good) share this
 * bundle. So the interpreter, with the action catalog's schemas, the contract checker, the rule
 * engine and transliteration, is loaded here on the run's first activation, never by a person.
 * The import settles within that activation (the bundle holds it), so replay sees the same commands.
 */
import type { LifecycleRunInput, LifecycleRunStatus } from './messages.ts';

export type { RunMetricsSinks } from './interpreter.ts';

export async function lifecycleRun(input: LifecycleRunInput): Promise<LifecycleRunStatus> {
  const { interpretRevision } = await import(/* webpackMode: "eager" */ './interpreter.ts');
  return interpretRevision(input);
}
