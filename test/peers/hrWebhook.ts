/**
 * The HR system's write-back endpoint for hr tests: a real node:http server on a free loopback port
 * that checks each request the way an HR integration would — `X-Tenure-Signature: v1=<hex>` is
 * HMAC-SHA256 over `${X-Tenure-Timestamp}.${raw body}` with the shared secret, compared in constant
 * time, the timestamp within five minutes, and the bearer token when one is required — written
 * independently of Tenure's signing code. It records every request; tests queue the answers.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tenureSignatureValid } from './tenureSignature.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';

export interface HrWebhookRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  json: unknown;
  /** Whether the signature matched the body and a fresh timestamp under the shared secret. */
  signatureValid: boolean;
  /** Whether the Authorization header carried the required bearer token (true when none is required). */
  tokenValid: boolean;
}

export interface HrWebhookAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answer only after this long (a slow HR system). */
  delayMs?: number;
}

export interface HrWebhook {
  url: string;
  port: number;
  requests: HrWebhookRequest[];
  /** Answers for the next requests, in order; once used up, a valid request gets 200 `{ "recorded": true }` and an invalid one 401. */
  answer(...answers: HrWebhookAnswer[]): void;
  received(count: number): Promise<HrWebhookRequest[]>;
  stop(): Promise<void>;
}

export async function startHrWebhook(secret: string, bearerToken?: string, options: { postOnly?: boolean } = {}): Promise<HrWebhook> {
  const requests: HrWebhookRequest[] = [];
  const queued: HrWebhookAnswer[] = [];
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
      const signatureValid = tenureSignatureValid(secret, req.headers, raw);
      const tokenValid = bearerToken === undefined || req.headers.authorization === `Bearer ${bearerToken}`;
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, json, signatureValid, tokenValid });
      // A POST-only receiver, as many HR integrations are: anything else is 501, queued answers untouched.
      const notPost: HrWebhookAnswer | undefined = options.postOnly === true && req.method !== 'POST' ? { status: 501, body: { message: `${req.method ?? ''} is not implemented` } } : undefined;
      const answer = notPost ?? queued.shift() ?? (signatureValid && tokenValid ? { status: 200, body: { recorded: true } } : { status: 401, body: { message: 'signature or token not accepted' } });
      const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const send = () => {
        res.writeHead(answer.status, { ...(typeof answer.body === 'object' ? { 'content-type': 'application/json' } : {}), ...answer.headers });
        res.end(body);
      };
      if (answer.delayMs === undefined) send();
      else setTimeout(send, answer.delayMs);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/integrations/tenure/write-back`,
    port,
    requests,
    answer: (...answers) => queued.push(...answers),
    received: async (count) => eventually(async () => Promise.resolve(requests.length >= count ? [...requests] : undefined), `${count} request(s) at the HR webhook`, 30_000, 50),
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
