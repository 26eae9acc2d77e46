/** What every fault scenario gets, and what it hands back for the suite to judge and count. */
import type { FaultStack } from './stack.ts';
import type { Tally } from './tally.ts';
import type { Findings } from './verify.ts';

export interface ScenarioContext {
  stack: FaultStack;
  tally: Tally;
  /** Hires in the scenario's batch. */
  hires: number;
  /** How long the scenario waits for its people to settle once the faults are over. */
  settleMs: number;
  log: (line: string) => void;
}

export interface ScenarioOutcome {
  findings: Findings;
  /** What the scenario itself found wrong beyond the targets' state (e.g. a Retry-After not honoured). */
  problems: string[];
}

/** A random whole number of milliseconds in [min, max). */
export const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));
