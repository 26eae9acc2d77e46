/**
 * Small shapes every part of the definition schema uses (ids, durations). Kept apart from schema.ts
 * so modules that schema.ts itself imports (approval.ts) can use them without an import cycle.
 */
import { z } from 'zod';

export const identifier = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'use letters, digits, "_", ".", ":" or "-", starting with a letter or digit');

/** A length of time; at least one part must be non-zero. */
export const durationSchema = z
  .strictObject({
    days: z.number().int().min(0).max(3650).optional(),
    hours: z.number().int().min(0).max(87600).optional(),
    minutes: z.number().int().min(0).max(525600).optional(),
    seconds: z.number().int().min(0).max(31536000).optional(),
  })
  .refine((d) => (d.days ?? 0) + (d.hours ?? 0) + (d.minutes ?? 0) + (d.seconds ?? 0) > 0, 'a duration must be longer than zero');
export type Duration = z.infer<typeof durationSchema>;
