/**
 * Mass-change safety for HR batches: the limits in force (configuration, optionally tightened or
 * loosened by an admin for one request) and the verdict for a batch, counting the disables the
 * same source had delivered without approval in the recent window — Entra sends at most 50
 * operations per request, so a mass deletion arrives as many small requests.
 */
import { z } from 'zod';
import { safetyLimitsSchema, safetyVerdict, type SafetyLimits, type SafetyVerdict } from '../../workflows/dsl/hrDiff.ts';
import type { ImportStore } from '../db/imports.ts';
import type { Caller } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';

/** TENURE_SAFETY_MAX_DISABLES, TENURE_SAFETY_MAX_DISABLE_SHARE; the window is one hour. */
export const defaultSafetyLimits: SafetyLimits = { maxDisables: 50, maxDisableShare: 0.2, windowMinutes: 60 };

/** Query parameters an admin may add to one request to override the limits. */
export const safetyOverrideQuery = {
  maxDisables: z.coerce.number().int().min(0).max(1_000_000).optional(),
  maxDisableShare: z.coerce.number().min(0).max(1).optional(),
};

export function limitsFor(configured: Partial<SafetyLimits> | undefined, caller: Caller, override: { maxDisables?: number | undefined; maxDisableShare?: number | undefined }): SafetyLimits {
  const base = safetyLimitsSchema.parse({ ...defaultSafetyLimits, ...configured });
  if (override.maxDisables === undefined && override.maxDisableShare === undefined) return base;
  if (!caller.roles.includes('admin')) throw new ApiError(403, 'forbidden', 'only an admin may override the mass-change safety limits (maxDisables, maxDisableShare) for a request');
  return { ...base, ...(override.maxDisables !== undefined ? { maxDisables: override.maxDisables } : {}), ...(override.maxDisableShare !== undefined ? { maxDisableShare: override.maxDisableShare } : {}) };
}

export async function assessBatch(imports: ImportStore, source: string, disables: number, limits: SafetyLimits): Promise<SafetyVerdict> {
  const [recentDisables, knownActive] = await Promise.all([imports.recentDisables(source, limits.windowMinutes), imports.activeCount(source)]);
  return safetyVerdict({ disables, recentDisables, knownActive }, limits);
}
