/**
 * A token-less /metrics listener on its own port (TENURE_METRICS_PORT, off by default): for a worker
 * running alone, which has no API, and for scraping on a private network without a token. It serves
 * GET /metrics and nothing else; bind it where only Prometheus can reach it.
 */
import { createServer, type Server } from 'node:http';
import type { Database } from '../db/database.ts';
import type { Logger } from './logger.ts';
import { refreshApprovalGauges, registry } from './metrics.ts';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** `db`: read the approval gauges at each scrape (the API's processes; a lone worker leaves them out). */
export async function startMetricsServer(options: { host: string; port: number; logger: Logger; db?: Database }): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
      return;
    }
    (async () => {
      if (options.db) await refreshApprovalGauges(options.db);
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(body);
    })().catch((error: unknown) => {
      options.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'collecting metrics failed');
      res.writeHead(500, { 'content-type': 'text/plain' }).end('collecting metrics failed; see the log\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : options.port,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
