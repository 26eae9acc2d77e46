/** Email connections pointing at an SMTP peer, as a ConnectionSource would load them. */
import type { Connection } from '../../../activities/connections.ts';
import type { SmtpPeer } from '../../peers/smtp.ts';

let next = 0;

/**
 * A connection to `peer` with its CA trusted. Each call gets a new id: mail transports are pooled
 * per connection id and version, and every test wants its own settings.
 */
export function emailConnection(peer: SmtpPeer, config: Record<string, unknown> = {}, secrets: Record<string, unknown> = {}): Connection {
  next += 1;
  const id = `mail-${process.pid}-${next}`;
  return {
    id,
    kind: 'email',
    name: id,
    version: 1,
    config: { host: peer.host, port: peer.port, from: 'tenure@example.com', tls: { ca: peer.ca }, timeoutSeconds: 5, ...config },
    secrets,
  };
}
