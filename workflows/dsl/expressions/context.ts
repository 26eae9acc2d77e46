// What evaluation needs from its caller and what it hands back.

import type { ExpressionValue } from './values.ts';

export interface ExpressionContext {
  /**
   * Source attributes by name. Lookup is exact first, then case-insensitive (directory attribute
   * names are case-insensitive). Missing, null and undefined all mean "no value".
   */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** The current time, injected so evaluation is deterministic (Temporal workflow replay). */
  readonly now: Date;
  /** Uniform numbers in [0, 1), injected for the same reason; used by RandomString and Guid. */
  readonly random: () => number;
  /** Whether a candidate value is still free in the target; required by SelectUniqueValue. */
  readonly isUnique?: (value: string) => Promise<boolean>;
  /** The tenant's default domain, returned by DefaultDomain(). */
  readonly defaultDomain?: string;
}

export interface Evaluated {
  /**
   * The result. A DateTime result (CDate, Now, DateAdd, DateFromNum) is rendered as Entra renders
   * it: UTC, `M/d/yyyy h:mm:ss tt` (e.g. `3/16/2020 7:00:00 AM`). Lists are multi-valued results.
   */
  readonly value: ExpressionValue;
  /** IgnoreFlowIfNullOrEmpty saw a null or empty value: leave the target attribute untouched. */
  readonly ignore: boolean;
  /** Redact() was applied: write `value`, but log `logValue`. */
  readonly redacted: boolean;
  /** `value`, or the text "[Redact]" when redacted. */
  readonly logValue: ExpressionValue;
}
