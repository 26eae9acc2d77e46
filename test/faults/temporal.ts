/**
 * The fault suite's Temporal: the embedded dev server (server/temporal/devServer.ts) on a SQLite
 * file, which the suite can stop and start again on the same file and port while Tenure's processes
 * keep running, as an operator restarting Temporal would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTemporalCli } from '../../server/temporal/cli.ts';
import { startDevServer, type DevServer } from '../../server/temporal/devServer.ts';
import { freePort } from '../support/ports.ts';

export interface RestartableTemporal {
  address: string;
  /** Stops the server; its database file stays. */
  stop(): Promise<void>;
  /** Starts it again on the same database file and port. */
  start(): Promise<void>;
  /** Stops it for good and deletes its file. */
  close(): Promise<void>;
}

export async function startRestartableTemporal(): Promise<RestartableTemporal> {
  const dir = await mkdtemp(join(tmpdir(), 'tenure-faults-temporal-'));
  const options = { cli: await findTemporalCli(process.env.TEMPORAL_CLI), dbFile: join(dir, 'temporal.db'), port: await freePort(), namespace: 'default' };
  let server: DevServer | undefined = await startDevServer(options);
  const stop = async () => {
    await server?.stop();
    server = undefined;
  };
  return {
    address: server.address,
    stop,
    async start() {
      server ??= await startDevServer(options);
    },
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
