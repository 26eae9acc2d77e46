/** HTTP callout connections pointing at a test receiver, as a ConnectionSource would load them. */
import type { Connection } from '../../../activities/connections.ts';

export const signingSecret = 'test-signing-secret-0123456789';

let next = 0;

export function httpConnection(url: string, config: Record<string, unknown> = {}, secrets: Record<string, unknown> = {}): Connection {
  next += 1;
  const id = `hook-${process.pid}-${next}`;
  return { id, kind: 'http', name: id, version: 1, config: { url, timeoutSeconds: 5, ...config }, secrets: { signingSecret, ...secrets } };
}
