/**
 * The benchmark's stack, on loopback: Tenure in processes of its own (tenureProcess.ts),
 * and the targets the end-to-end tests use — Samba AD, scim2-server, the Graph peer, the SMTP peer
 * and an HR write-back receiver — started by the same test peers and configured by the same code
 * (test/support/e2eStack.ts), with the built-in templates published.
 */
import { Client, Connection } from '@temporalio/client';
import { configureTenure, startTargetServers, type StackOptions, type TargetServers } from '../test/support/e2eStack.ts';
import { DirectoryReader } from './directoryReader.ts';
import { startTenure, type TenureProcess } from './tenureProcess.ts';

export interface BenchStack extends TargetServers {
  tenure: TenureProcess;
  /** AD as the benchmark reads it. */
  directory: DirectoryReader;
  /** A Temporal client of the benchmark's own, to read histories and visibility. */
  temporal: Client;
  stop(): Promise<void>;
}

interface Stoppable {
  stop(): Promise<void>;
}

export async function startBenchStack(logDir: string, options: StackOptions & { split: boolean }): Promise<BenchStack> {
  const started: Stoppable[] = [];
  const keep = <T extends Stoppable>(s: T): T => {
    started.push(s);
    return s;
  };
  const stopAll = async () => {
    await Promise.allSettled(started.reverse().map((s) => s.stop()));
  };
  try {
    // The targets, then Tenure: Samba and Tenure each take the CPU for a few seconds while they start.
    const { scim, graph, smtp, hr, dc } = keep(await startTargetServers());
    const tenure = keep(await startTenure(logDir, { split: options.split }));
    const { look } = await configureTenure((method, url, body) => tenure.api(method, url, body), { scim, graph, smtp, hr, dc }, options);
    await look.close();
    const directory = new DirectoryReader(dc);
    keep({ stop: () => directory.close() });
    const connection = await Connection.connect({ address: tenure.temporalAddress });
    keep({ stop: () => connection.close() });
    const temporal = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    return { scim, graph, smtp, hr, dc, tenure, directory, temporal, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
