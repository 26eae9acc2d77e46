/**
 * The Tenure API over HTTP, called with a bearer token: for Tenure processes a test or the benchmark
 * started on its own (`node server/main.ts …`), where app.inject cannot reach. A request that gets
 * no answer (the process was killed) rejects; every answer resolves, whatever its status.
 */
export type HttpApi = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: unknown }>;

export function httpApi(baseUrl: string, token: string): HttpApi {
  return async (method, url, body, headers = {}) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
}
