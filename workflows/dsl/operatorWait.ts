/**
 * How long a failed step marked waitForOperator waits for an operator before it fails after all.
 * Its own module, free of zod, so a lifecycle run can read it without evaluating the definition
 * schemas (schema.ts declares the step field with these bounds).
 */
import type { CompiledNodeOf } from './compile.ts';

/** Hours: 7 days unless the step says (operatorWaitHours). */
export const defaultOperatorWaitHours = 168;
/** 36 seconds: shorter than that an operator cannot be told in time. */
export const minOperatorWaitHours = 0.01;
/** 30 days. */
export const maxOperatorWaitHours = 720;

/** How long the step waits, in milliseconds. */
export function operatorWaitMs(node: CompiledNodeOf<'action'>): number {
  return Math.round((node.data.operatorWaitHours ?? defaultOperatorWaitHours) * 3_600_000);
}
