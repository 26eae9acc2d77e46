/**
 * The benchmark's command line: which parts run, at which sizes. Checked once, before anything
 * starts; a wrong flag stops the benchmark with one line naming it.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { directoryLimits } from '../activities/directory/settings.ts';
import { limitsSchema } from '../activities/limits.ts';

export const benchParts = ['latency', 'floor', 'bulk', 'waiting'] as const;
export type BenchPart = (typeof benchParts)[number];

const count = (min: number) => z.coerce.number().int(`must be a whole number`).min(min);

const optionsSchema = z.object({
  parts: z
    .string()
    .transform((s) => s.split(',').map((p) => p.trim()).filter((p) => p !== ''))
    .pipe(z.array(z.enum(benchParts)).min(1, 'name at least one part')),
  latency: count(1),
  hires: count(1),
  floor: count(1).optional(),
  waiting: count(1),
  waitingDays: count(8),
  senders: count(1).max(64),
  concurrency: count(1).max(1000).optional(),
  sample: count(0),
  limits: z
    .string()
    .regex(/^\d+,\d+(\.\d+)?$/, 'must be maxConcurrent,perSecond, e.g. 16,1000')
    .transform((s) => {
      const [maxConcurrent = '', perSecond = ''] = s.split(',');
      return limitsSchema.parse({ maxConcurrent: Number(maxConcurrent), perSecond: Number(perSecond) });
    })
    .optional(),
  timeoutMinutes: z.coerce.number().min(0.1),
  split: z.boolean(),
  out: z.string().min(1),
  label: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only')
    .optional(),
});
export type BenchOptions = z.infer<typeof optionsSchema> & { floor: number; concurrency: number };

export const usage = `npm run bench -- [flags]

  --parts latency,floor,bulk,waiting   which parts run (default: all four, in this order)
  --latency K        single hires, one at a time, for the latency part (default 20)
  --hires N          hires through the SCIM bulk endpoint (default 10000)
  --floor N          people the no-engine floor provisions (default: the same N)
  --waiting M        people with a hire date months ahead (default 50000)
  --waiting-days D   how far ahead their hire date is (default 120)
  --senders S        bulk requests in flight at once, each sent when one is answered (default 4)
  --concurrency C    floor: people provisioned at once (default: a directory connection's maxConcurrent)
  --sample S         hires whose Temporal histories are read for actions and events (default 20)
  --limits C,R       every connection's limits: C calls in flight, R calls/s (default: the connectors' defaults)
  --split            run the API and the worker as two processes on PostgreSQL, beside a Temporal dev
                     server of their own (the scale path), instead of one 'all' process on PGlite
  --timeout MIN      longest a part may take before it is reported as unfinished (default 30)
  --out DIR          where results go (default bench/results)
  --label NAME       added to the result file names`;

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      parts: { type: 'string', default: benchParts.join(',') },
      latency: { type: 'string', default: '20' },
      hires: { type: 'string', default: '10000' },
      floor: { type: 'string' },
      waiting: { type: 'string', default: '50000' },
      'waiting-days': { type: 'string', default: '120' },
      senders: { type: 'string', default: '4' },
      concurrency: { type: 'string' },
      sample: { type: 'string', default: '20' },
      limits: { type: 'string' },
      timeout: { type: 'string', default: '30' },
      out: { type: 'string', default: 'bench/results' },
      label: { type: 'string' },
      split: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const parsed = optionsSchema.safeParse({ ...values, waitingDays: values['waiting-days'], timeoutMinutes: values.timeout });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--${String(issue?.path[0] ?? '?')}: ${issue?.message ?? 'invalid'}`);
  }
  const o = parsed.data;
  // The floor's people go at the pace a directory connection allows in flight (most of a hire's
  // operations are LDAP), so that both sides keep as many calls open against the directory.
  const concurrency = o.concurrency ?? (o.limits ?? directoryLimits.parse(undefined)).maxConcurrent;
  return { ...o, floor: o.floor ?? o.hires, concurrency, out: resolve(o.out) };
}
