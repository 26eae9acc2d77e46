/**
 * The facts an expression preview evaluates with: the sample person's attributes with the employee
 * id among them (as a run and POST /api/simulate have it), and the run variables and step outputs
 * the path to the selected step would have set. They come from a dry run of the draft in the
 * browser — the same simulation code the server's Simulate runs — so the preview and Simulate agree.
 */
import { useEffect, useState } from 'react';
import { compileDefinition, validateDefinition, type CompiledRevision, type TraceEntry } from '../../../../workflows/dsl/index.ts';
import { simulateRun } from '../../../../workflows/dsl/simulate.ts';
import { stepFacts } from '../../../../workflows/dsl/stepFacts.ts';
import { useSample } from '../../sample.ts';
import { toDraft } from '../graph.ts';
import { selectedNodeId, useEditor } from '../store.ts';
import { meaningOf } from '../useValidation.ts';

export interface PreviewFacts {
  attributes: Record<string, unknown>;
  vars: Record<string, unknown>;
  steps: Record<string, unknown>;
  /** Why the run variables may be missing, when they may be. */
  note: string | null;
}

type Simulated = { revision: CompiledRevision; trace: TraceEntry[] } | null;

/** The last dry run: every expression field of a step shares it, and a new one is made per change. */
let last: { key: string; run: Promise<Simulated> } | null = null;

function simulated(key: string, draft: unknown, attributes: Record<string, unknown>): Promise<Simulated> {
  if (last?.key === key) return last.run;
  const checked = validateDefinition(draft);
  const run = checked.valid
    ? (async () => {
        // Without the pinned contracts: checking a step against one compiles a validator, which the
        // page's security policy forbids. A draft's contracts are today's declarations, checked as such.
        const { contracts: _pinned, ...revision } = compileDefinition(checked.definition);
        const result = await simulateRun(revision, { attributes }, { now: new Date() });
        return { revision, trace: result.trace };
      })()
    : Promise.resolve(null);
  last = { key, run };
  return run;
}

export function usePreviewFacts(): PreviewFacts {
  const nodeId = useEditor(selectedNodeId);
  // The meaning changes once per checked edit; positions and selection do not change it.
  const meaning = useEditor((s) => s.meaning);
  const employeeId = useSample((s) => s.employeeId);
  const sampleAttributes = useSample((s) => s.attributes);
  const [facts, setFacts] = useState<PreviewFacts>({ attributes: { ...sampleAttributes, employeeId }, vars: {}, steps: {}, note: null });

  useEffect(() => {
    let current = true;
    const attributes = { ...sampleAttributes, employeeId };
    const timer = setTimeout(() => {
      const s = useEditor.getState();
      const key = JSON.stringify([meaningOf(s.meta, s.nodes, s.edges), attributes]);
      simulated(key, toDraft(s.meta, s.nodes, s.edges), attributes)
        .then((sim) => {
          if (!current) return;
          if (sim === null || nodeId === null) {
            setFacts({ attributes, vars: {}, steps: {}, note: sim === null ? 'without run variables: fix the problems first' : null });
            return;
          }
          const found = stepFacts(sim.revision, sim.trace, nodeId, { attributes });
          setFacts({ attributes: found.attributes, vars: found.vars, steps: found.steps, note: found.reached ? null : `this step is not on ${employeeId}'s simulated path` });
        })
        .catch((error: unknown) => {
          if (current) setFacts({ attributes, vars: {}, steps: {}, note: `without run variables: ${error instanceof Error ? error.message : String(error)}` });
        });
    }, 100);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [nodeId, meaning, employeeId, sampleAttributes]);
  return facts;
}
