/**
 * The last link of the Graph client's middleware chain: sends each request over node:https with
 * the connection's own agent. The client's default link calls global fetch, which cannot be given
 * a private CA per connection (undici's dispatcher is not a dependency), and an Entra connection
 * may need one: a TLS-inspecting proxy, a sovereign-cloud gateway, or the Graph peer in tests.
 * One code path for every connection, so what the tests exercise is what production runs.
 */
import { request, type Agent } from 'node:https';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type Bottleneck from 'bottleneck';

const reads = new Set(['GET', 'HEAD']);

function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(init).entries());
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

async function send(context: Context, agent: Agent, timeoutMs: number): Promise<Response> {
  const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
  const options = context.options ?? {};
  const body = options.body;
  if (body !== undefined && body !== null && typeof body !== 'string') throw new Error('the Entra connector only sends JSON bodies');
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: headerRecord(options.headers), agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 502;
        const empty = status === 204 || status === 205 || status === 304;
        resolve(new Response(empty ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: toHeaders(res.headers) }));
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.host} within ${timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/** `writes` paces every request that is not a read. */
export function httpsTransport(agent: Agent, timeoutMs: number, writes: Bottleneck): Middleware {
  return {
    execute: async (context) => {
      const method = (context.options?.method ?? 'GET').toUpperCase();
      context.response = await (reads.has(method) ? send(context, agent, timeoutMs) : writes.schedule(async () => send(context, agent, timeoutMs)));
    },
  };
}
