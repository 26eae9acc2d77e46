/**
 * The web service for callout tests: a real node:http server on a free loopback port that records
 * every request and checks its signature the way a receiver would (test/peers/tenureSignature.ts),
 * independently of Tenure's signing code. Tests queue the answers it gives.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tenureSignatureValid } from '../../peers/tenureSignature.ts';
import { eventually } from '../../support/eventually.ts';
import { freePort } from '../../support/ports.ts';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  json: unknown;
  /** Whether X-Tenure-Signature matched the body and timestamp under the shared secret. */
  signatureValid: boolean;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Receiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; once used up, every request gets 200 `{ "ok": true }`. */
  answer(...answers: Answer[]): void;
  received(count: number): Promise<ReceivedRequest[]>;
  stop(): Promise<void>;
}

export async function startReceiver(secret: string): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const queued: Answer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = raw === '' ? undefined : JSON.parse(raw);
      } catch (error) {
        json = { unparseable: String(error) };
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, json, signatureValid: tenureSignatureValid(secret, req.headers, raw) });
      const answer = queued.shift() ?? { status: 200, body: { ok: true } };
      const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { ...(typeof answer.body === 'object' ? { 'content-type': 'application/json' } : {}), ...answer.headers });
      res.end(body);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hooks/tenure`,
    port,
    requests,
    answer: (...answers) => queued.push(...answers),
    received: async (count) => eventually(async () => Promise.resolve(requests.length >= count ? [...requests] : undefined), `${count} request(s) at the receiver`, 30_000, 50),
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
