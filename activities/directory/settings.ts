/**
 * What an LDAP connection (ad or ldap) holds to reach and bind to its server: the endpoint and TLS
 * settings in config, the bind DN and password in secrets. Each connector adds its own fields.
 */
import type { ConnectionOptions } from 'node:tls';
import { isIP } from 'node:net';
import { z } from 'zod';
import { distinguishedName } from '../../workflows/dsl/catalog/directory.ts';
import { limitsSchemaFor } from '../limits.ts';

export const ldapUrl = z
  .string()
  .max(2048)
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'ldap:' || url.protocol === 'ldaps:') && url.hostname !== '' && (url.pathname === '' || url.pathname === '/');
    } catch {
      return false;
    }
  }, 'an LDAP URL with a host and nothing after it, e.g. ldaps://dc1.example.com or ldap://ldap.example.com:389');

export const endpointFields = {
  url: ldapUrl,
  startTls: z.boolean().default(false).describe('Upgrade an ldap:// connection with StartTLS before binding.'),
  tlsCaCert: z
    .string()
    .max(100_000)
    .includes('-----BEGIN CERTIFICATE-----', { message: 'a PEM certificate (-----BEGIN CERTIFICATE-----)' })
    .optional()
    .describe("PEM certificate(s) of the CA that issued the server's certificate, when not a public one."),
  tlsServerName: z.string().min(1).max(253).optional().describe("The name the server's certificate carries, when the URL uses another name or an address."),
  tlsRejectUnauthorized: z.boolean().default(true).describe('false accepts any certificate: for a lab only, never in production.'),
  baseDn: distinguishedName,
  timeoutSeconds: z.number().int().min(1).max(300).default(30),
  pageSize: z.number().int().min(1).max(5000).default(500),
};

/**
 * A directory server answers hundreds of LDAP operations a second; a hire makes about fifteen. Eight
 * in flight and 200 a second keep one Tenure a modest client of a domain controller (well inside AD's
 * default LDAP policies) without queueing one hire's lookups behind another's.
 */
export const directoryLimits = limitsSchemaFor({ maxConcurrent: 8, perSecond: 200 });

export const bindSecrets = z.strictObject({
  bindDn: z.string().min(1).max(2048),
  password: z.string().min(1).max(1024),
});
export type BindSecrets = z.infer<typeof bindSecrets>;

export interface Endpoint {
  url: string;
  startTls: boolean;
  tlsCaCert?: string | undefined;
  tlsServerName?: string | undefined;
  tlsRejectUnauthorized: boolean;
  baseDn: string;
  timeoutSeconds: number;
  pageSize: number;
}

export function endpointHost(endpoint: Pick<Endpoint, 'url'>): { host: string; port: number; secure: boolean } {
  const url = new URL(endpoint.url);
  const secure = url.protocol === 'ldaps:';
  // URL keeps IPv6 literals in brackets; sockets want them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: url.port === '' ? (secure ? 636 : 389) : Number(url.port), secure };
}

/** TLS options for LDAPS or StartTLS: the configured CA, and the name to check the certificate against. */
export function tlsOptions(endpoint: Endpoint): ConnectionOptions {
  const { host } = endpointHost(endpoint);
  // SNI must not carry an address; without a configured name an address is checked as an address.
  const servername = endpoint.tlsServerName ?? (isIP(host) === 0 ? host : undefined);
  return {
    host,
    rejectUnauthorized: endpoint.tlsRejectUnauthorized,
    ...(endpoint.tlsCaCert !== undefined ? { ca: [endpoint.tlsCaCert] } : {}),
    ...(servername !== undefined ? { servername } : {}),
  };
}
