/**
 * Configuration from the environment, checked once at start. A wrong value stops start-up with one
 * line naming the variable and what it expects.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { defaultHireDatePolicy, hireDatePolicies, type HireDatePolicy } from './hr/hireDate.ts';
import { oidcEnv, signInFromEnv, type SignInConfig } from './http/oidcConfig.ts';
import { trustProxySetting, type TrustProxy } from './http/trustProxy.ts';
import { temporalEnv, temporalFromEnv, type TemporalAccessSettings } from './temporal/settings.ts';

const port = z.coerce.number().int().min(1).max(65535);

const envSchema = z.object({
  TENURE_PORT: port.default(8080),
  TENURE_HOST: z.string().min(1).default('127.0.0.1'),
  TENURE_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be host:port, e.g. temporal.example.com:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TENURE_TEMPORAL_PORT: port.default(7233),
  TENURE_TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_CLI: z.string().min(1).optional(),
  TENURE_TASK_QUEUE: z.string().min(1).max(200).default('tenure-lifecycle'),
  TENURE_WORKFLOW_CACHE_SIZE: z.coerce.number().int('must be a whole number of workflows').min(2, 'must be at least 2').max(100_000).optional(),
  TENURE_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TENURE_SECRET_KEY: z.string().min(1).optional(),
  TENURE_PREVIOUS_SECRET_KEYS: z.string().min(1).optional(),
  TENURE_PUBLIC_URL: z.url().optional(),
  TENURE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TENURE_METRICS_PORT: port.optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  TENURE_SAFETY_MAX_DISABLES: z.coerce.number().int('must be a whole number of people').min(0).default(50),
  TENURE_SAFETY_MAX_DISABLE_SHARE: z.coerce.number().min(0, 'must be a share between 0 and 1, e.g. 0.2').max(1, 'must be a share between 0 and 1, e.g. 0.2').default(0.2),
  TENURE_HIRE_WITHOUT_DATE: z.enum(hireDatePolicies).default(defaultHireDatePolicy),
  TENURE_HR_SIGNATURE_WINDOW_SECONDS: z.coerce.number().int('must be a whole number of seconds').min(1).max(86_400).default(300),
  TENURE_TRUST_PROXY: trustProxySetting.optional(),
  ...oidcEnv,
  ...temporalEnv,
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  temporal: {
    /** An existing cluster; the embedded dev server when undefined. */
    address: string | undefined;
    namespace: string;
    embeddedPort: number;
    embeddedUiPort: number;
    cli: string | undefined;
    taskQueue: string;
    /** Workflows a worker keeps in memory; derived from the heap when undefined. */
    workflowCacheSize: number | undefined;
  } & TemporalAccessSettings;
  adminToken: string | undefined;
  secretKey: string | undefined;
  /** Keys that still decrypt after a rotation (comma-separated), never encrypt. */
  previousSecretKeys: string | undefined;
  /** How outside systems reach this Tenure (callbacks, approval links). */
  publicUrl: string;
  logLevel: z.infer<typeof envSchema>['TENURE_LOG_LEVEL'];
  /** A token-less /metrics listener (off when undefined), and where traces go over OTLP/HTTP (off when undefined). */
  observability: { metricsPort: number | undefined; otlpEndpoint: string | undefined };
  /** Mass-change safety: an HR batch disabling more people than this (count, or share of the active) waits for an admin. */
  safety: { maxDisables: number; maxDisableShare: number };
  /** What a hire without a hire date means (server/hr/hireDate.ts). */
  hireDatePolicy: HireDatePolicy;
  /** Signed HR requests are accepted when their timestamp is within this many seconds of now, either way. */
  hrSignatureWindowSeconds: number;
  /** The reverse proxies whose X-Forwarded-For names the caller's address (http/trustProxy.ts); none when undefined. */
  trustProxy: TrustProxy | undefined;
  /** OpenID Connect sign-in and its sessions (TENURE_OIDC_*, TENURE_SESSION_*); sign-in is off when undefined. */
  signIn: SignInConfig | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(first ? `${first.path.join('.')} ${first.message}` : 'invalid configuration');
  }
  const e = parsed.data;
  return {
    port: e.TENURE_PORT,
    host: e.TENURE_HOST,
    dataDir: resolve(e.TENURE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      embeddedPort: e.TENURE_TEMPORAL_PORT,
      embeddedUiPort: e.TENURE_TEMPORAL_UI_PORT,
      cli: e.TEMPORAL_CLI,
      taskQueue: e.TENURE_TASK_QUEUE,
      workflowCacheSize: e.TENURE_WORKFLOW_CACHE_SIZE,
      ...temporalFromEnv(e, (message) => new ConfigError(message)),
    },
    adminToken: e.TENURE_ADMIN_TOKEN,
    secretKey: e.TENURE_SECRET_KEY,
    previousSecretKeys: e.TENURE_PREVIOUS_SECRET_KEYS,
    publicUrl: (e.TENURE_PUBLIC_URL ?? `http://${e.TENURE_HOST}:${e.TENURE_PORT}`).replace(/\/$/, ''),
    logLevel: e.TENURE_LOG_LEVEL,
    observability: { metricsPort: e.TENURE_METRICS_PORT, otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT },
    safety: { maxDisables: e.TENURE_SAFETY_MAX_DISABLES, maxDisableShare: e.TENURE_SAFETY_MAX_DISABLE_SHARE },
    hireDatePolicy: e.TENURE_HIRE_WITHOUT_DATE,
    hrSignatureWindowSeconds: e.TENURE_HR_SIGNATURE_WINDOW_SECONDS,
    trustProxy: e.TENURE_TRUST_PROXY,
    signIn: signInFromEnv(e, (message) => new ConfigError(message)),
  };
}
