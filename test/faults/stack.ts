/**
 * The fault suite's stack, on loopback, started once for every scenario: Tenure as separate
 * processes (two API servers and the workers, `node server/main.ts server|worker`, test/scale/
 * processes.ts) on PostgreSQL, the embedded Temporal dev server on a SQLite file that the suite can
 * stop and start again, and the targets of the e2e tests (Samba AD, scim2-server, the Graph peer,
 * SMTP, an HR write-back receiver), configured and with the built-in templates published by the
 * same code as the e2e tests and the benchmark (test/support/e2eStack.ts). Tenure reaches Samba
 * through a TCP proxy the suite can cut; the suite reads Samba directly.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { startPostgres } from '../peers/postgres.ts';
import { processes, type RoleProcess } from '../scale/processes.ts';
import { inspector, type Inspector } from '../support/directory.ts';
import { configureTenure, startTargetServers, type StackOptions, type TargetServers } from '../support/e2eStack.ts';
import { httpApi, type HttpApi } from '../support/httpApi.ts';
import { freePort } from '../support/ports.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';
import { startRestartableTemporal, type RestartableTemporal } from './temporal.ts';

/** An API process (`node server/main.ts server`), which also drains the HR outbox while it holds the lease. */
export interface ApiProcess {
  baseUrl: string;
  call: HttpApi;
  current(): RoleProcess;
  /** kill -9, then waits for it to be gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port, once it answers. */
  start(): Promise<void>;
}

/** The worker processes (`node server/main.ts worker`). */
export interface Workers {
  /** Those started and not killed, ready or still starting. */
  live(): RoleProcess[];
  /** Starts one; resolves once it polls. */
  start(): Promise<RoleProcess>;
  /** kill -9, then waits for it to be gone. */
  kill(worker: RoleProcess): Promise<void>;
}

export interface FaultStack {
  targets: TargetServers;
  /** Samba read directly, as its administrator (never through the proxy). */
  look: Inspector;
  /** The proxy Tenure's AD connection goes through. */
  adProxy: TcpProxy;
  temporal: RestartableTemporal;
  /** A Temporal client of the suite's own (visibility: failed workflows). */
  client: Client;
  /** The app database, read by the suite (people, HR outbox). */
  db: pg.Pool;
  apis: [ApiProcess, ApiProcess];
  workers: Workers;
  stop(): Promise<void>;
}

interface Stoppable {
  stop(): Promise<void>;
}

const token = randomBytes(24).toString('base64url');

export async function startFaultStack(options: StackOptions, log: (line: string) => void): Promise<FaultStack> {
  const started: Stoppable[] = [];
  const keep = <T extends Stoppable>(s: T): T => {
    started.push(s);
    return s;
  };
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop().catch((error: unknown) => log(`while stopping: ${error instanceof Error ? error.message : String(error)}`));
  };
  try {
    const [postgres, temporal] = await Promise.all([startPostgres(), startRestartableTemporal()]);
    keep(postgres);
    keep({ stop: () => temporal.close() });
    const targets = keep(await startTargetServers());
    const adProxy = keep(await startTcpProxy(`${targets.dc.host}:636`));
    const procs = processes();
    keep({ stop: () => procs.stopAll() });
    const shared = {
      DATABASE_URL: postgres.url,
      TEMPORAL_ADDRESS: temporal.address,
      TENURE_TASK_QUEUE: 'tenure-faults',
      TENURE_SECRET_KEY: randomBytes(32).toString('base64'),
      TENURE_ADMIN_TOKEN: token,
      TENURE_LOG_LEVEL: 'warn',
    };

    const apiProcess = async (): Promise<ApiProcess> => {
      const port = await freePort();
      const env = { ...shared, TENURE_PORT: String(port) };
      let current = await procs.start('server', env);
      await current.printed('tenure: API', 180_000);
      return {
        baseUrl: `http://127.0.0.1:${port}`,
        call: httpApi(`http://127.0.0.1:${port}`, token),
        current: () => current,
        async kill() {
          current.kill('SIGKILL');
          await current.exited();
        },
        async start() {
          current = await procs.start('server', env);
          await current.printed('tenure: API', 180_000);
        },
      };
    };
    const live = new Set<RoleProcess>();
    const workers: Workers = {
      live: () => [...live],
      async start() {
        const w = await procs.start('worker', shared);
        live.add(w);
        try {
          await w.printed('tenure: worker polling', 300_000);
        } catch (error) {
          w.kill('SIGKILL');
          live.delete(w);
          throw error;
        }
        return w;
      },
      async kill(w) {
        w.kill('SIGKILL');
        await w.exited();
        live.delete(w);
      },
    };
    // The first migrates the database; the others start once it has.
    const first = await apiProcess();
    const [second] = await Promise.all([apiProcess(), workers.start()]);
    log('Tenure is up: two API processes and a worker');

    const dc = { ...targets.dc, ldapsUrl: `ldaps://${adProxy.address}` };
    const configured = await configureTenure((method, url, body) => first.call(method, url, body), { ...targets, dc }, options);
    await configured.look.close();
    const look = await inspector(targets.dc.ldapsUrl, targets.dc.adminDn, targets.dc.adminPassword, { ca: [targets.dc.caCert], servername: targets.dc.serverName });
    keep({ stop: () => look.close() });
    const db = new pg.Pool({ connectionString: postgres.url, max: 4 });
    keep({ stop: () => db.end() });
    const connection = await Connection.connect({ address: temporal.address });
    keep({ stop: () => connection.close() });
    const client = new Client({ connection, namespace: 'default' });
    return { targets, look, adProxy, temporal, client, db, apis: [first, second], workers, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
