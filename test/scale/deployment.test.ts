/**
 * The deployment files are what docs/deployment.md says, without a Docker daemon: compose.yaml parses,
 * has the scale path's services with healthchecks, and its Tenure environment is accepted by
 * server/config.ts (every variable it sets is one Tenure reads); the Dockerfile builds with the
 * scripts CI runs and runs a role as a non-root user; the guide names every scale-path variable.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../server/config.ts';
import { temporalEnv } from '../../server/temporal/settings.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFile(join(root, path), 'utf8');

const healthcheck = z.object({ test: z.array(z.string()).min(2) }).loose();
const service = z
  .object({
    image: z.string(),
    build: z.string().optional(),
    environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    healthcheck: healthcheck.optional(),
    deploy: z.object({ replicas: z.number() }).loose().optional(),
    depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  })
  .loose();
const composeFile = z.object({ name: z.string(), services: z.record(z.string(), service), volumes: z.record(z.string(), z.unknown()).optional() }).loose();

/** What `docker compose` does with `${VAR:?message}`, `${VAR:-default}` and `$$`, given a .env. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g, (whole, name: string | undefined, kind: string | undefined, rest: string | undefined) => {
    if (whole === '$$') return '$';
    const set = name !== undefined ? env[name] : undefined;
    if (set !== undefined && set !== '') return set;
    if (kind === '?') throw new Error(`compose would refuse to start: ${rest ?? name ?? ''}`);
    return rest ?? '';
  });
}

/** Every environment variable name Tenure's own code reads (config.ts and the modules it spreads in). */
async function namesTenureReads(): Promise<Set<string>> {
  const sources: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('.ts')) sources.push(await read(path));
    }
  };
  await walk('server');
  return new Set(sources.join('\n').match(/\b(?:TENURE|TEMPORAL|DATABASE|OTEL)_[A-Z0-9_]+\b/g) ?? []);
}

const dotEnv = { POSTGRES_PASSWORD: 'pg-password', TENURE_DB_PASSWORD: 'tenure-db-password', TENURE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'), TENURE_ADMIN_TOKEN: 'admin-token-0123456789abcdef' };

describe('deployment files', () => {
  it('compose.yaml runs PostgreSQL, Temporal on it, one server and two workers, each with a healthcheck', async () => {
    const compose = composeFile.parse(parse(await read('compose.yaml'), { merge: true }));
    const { services } = compose;
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgresql', 'temporal', 'tenure-server', 'tenure-worker']));
    expect(services.postgresql?.image).toMatch(/^postgres:\d+/);
    expect(services.temporal?.image).toMatch(/^temporalio\/auto-setup:\d+\.\d+\.\d+$/);
    expect(services.temporal?.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    for (const [name, s] of Object.entries(services)) if (name !== 'temporal-ui') expect(s.healthcheck, name).toBeDefined();
    for (const name of ['tenure-server', 'tenure-worker']) {
      const s = services[name];
      expect(s?.build, name).toBe('.');
      expect(s?.image, name).toBe('tenure:latest');
      expect(s?.depends_on, name).toEqual({ postgresql: { condition: 'service_healthy' }, temporal: { condition: 'service_healthy' } });
    }
    expect(services['tenure-server']?.environment?.ROLE).toBe('server');
    expect(services['tenure-worker']?.environment?.ROLE).toBe('worker');
    expect(services['tenure-worker']?.deploy?.replicas).toBe(2);
  });

  it('gives Tenure only variables it reads, with values config.ts accepts and that point at the compose services', async () => {
    const { services } = composeFile.parse(parse(await read('compose.yaml'), { merge: true }));
    const known = await namesTenureReads();
    for (const name of ['tenure-server', 'tenure-worker']) {
      const raw = services[name]?.environment ?? {};
      const env = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, interpolate(String(v), dotEnv)]));
      for (const variable of Object.keys(env)) if (variable !== 'ROLE') expect(known.has(variable), `${name} sets ${variable}, which Tenure does not read`).toBe(true);
      const config = loadConfig({ ...env, TENURE_HOST: '0.0.0.0' });
      expect(config.databaseUrl).toBe(`postgres://tenure:${dotEnv.TENURE_DB_PASSWORD}@postgresql:5432/tenure`);
      expect(config.temporal).toMatchObject({ address: 'temporal:7233', namespace: 'default', taskQueue: 'tenure-lifecycle', connectorQueues: [], workerQueues: ['lifecycle'] });
      expect(config.secretKey).toBe(dotEnv.TENURE_SECRET_KEY);
    }
    // A .env without the secrets: compose refuses to start rather than run with an empty key.
    const server = services['tenure-server']?.environment ?? {};
    expect(() => Object.values(server).map((v) => interpolate(String(v), {}))).toThrow(/set TENURE_DB_PASSWORD in \.env/);
    // The database init script gets the password at run time ($$ → $), never baked into the file.
    const compose = await read('compose.yaml');
    expect(compose).toContain("PASSWORD '$$TENURE_DB_PASSWORD'");
  });

  it('Dockerfile builds with the scripts CI runs and runs a role as a non-root user on Node.js 24 (Debian)', async () => {
    const dockerfile = await read('Dockerfile');
    const instructions = dockerfile
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    const keyword = (l: string) => l.split(/\s+/)[0] ?? '';
    expect(new Set(instructions.map(keyword))).toEqual(new Set(['ARG', 'FROM', 'RUN', 'WORKDIR', 'COPY', 'ENV', 'USER', 'VOLUME', 'EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD']));
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    expect(instructions.filter((l) => keyword(l) === 'FROM')).toEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE} AS runtime']);
    expect(instructions).toContain('RUN bash scripts/setup.sh');
    expect(instructions.some((l) => /^RUN .*vite build .*designer$/.test(l))).toBe(true);
    const user = instructions.filter((l) => keyword(l) === 'USER');
    expect(user).toEqual(['USER tenure']);
    expect(instructions.indexOf('USER tenure')).toBeGreaterThan(instructions.findIndex((l) => l.startsWith('FROM ${NODE_IMAGE} AS runtime')));
    expect(instructions.at(-1)).toBe('CMD ["/bin/sh", "-c", "exec node server/main.ts \\"$ROLE\\""]');
    // What the build copies from the context exists, and the scripts it runs are the ones CI runs.
    for (const line of instructions.filter((l) => keyword(l) === 'COPY' && !l.includes('--from'))) {
      for (const source of line.split(/\s+/).slice(1, -1)) expect(existsSync(join(root, source)), source).toBe(true);
    }
    expect(await read('scripts/run.sh')).toContain('bash "$root/scripts/setup.sh"');
    const ignored = (await read('.dockerignore')).split('\n');
    for (const entry of ['node_modules/', '.tools/', 'data/', '.git/', '.env']) expect(ignored).toContain(entry);
  });

  it('the deployment guide names every scale-path variable and both role commands', async () => {
    const guide = await read('docs/deployment.md');
    for (const variable of [...Object.keys(temporalEnv), 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TENURE_TASK_QUEUE', 'TENURE_SECRET_KEY', 'TENURE_METRICS_PORT']) {
      expect(guide, variable).toContain(`\`${variable}\``);
    }
    for (const text of ['npm run server', 'npm run worker', '/healthz/live', '/healthz/ready', 'compose.yaml', 'Dockerfile']) expect(guide).toContain(text);
    expect(await read('README.md')).toContain('docs/deployment.md');
  });
});
