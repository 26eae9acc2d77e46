/**
 * A Graph session for one connection: the Microsoft Graph client, the app's credential and the
 * HTTPS agent they share. Built once per connection version and reused by every activity (the
 * credential caches its token until shortly before expiry).
 */
import { Agent } from 'node:https';
import type Bottleneck from 'bottleneck';
import { ClientSecretCredential } from '@azure/identity';
import { AuthenticationHandler, Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import type { EntraConfig, EntraSecrets } from './connector.ts';
import { bucket } from '../limits.ts';
import { httpsTransport } from './transport.ts';

export interface GraphSession {
  graph: Client;
  credential: ClientSecretCredential;
  /** `<graph origin>/.default`: every application permission the app was granted on Graph. */
  scope: string;
  /** e.g. https://graph.microsoft.com/v1.0, for `@odata.id` references. */
  baseUrl: string;
  agent: Agent;
  /** Paces the session's writes (writesPerSecond); lookups only meet the connection's limits. */
  writes: Bottleneck;
}

export function createSession(config: EntraConfig, secrets: EntraSecrets): GraphSession {
  const base = new URL(config.graphBaseUrl);
  const version = base.pathname.replace(/^\/+|\/+$/g, '');
  const ca = config.tlsCaCert === undefined ? {} : { ca: config.tlsCaCert };
  const agent = new Agent({ keepAlive: true, ...ca });
  const credential = new ClientSecretCredential(config.tenantId, config.clientId, secrets.clientSecret, {
    authorityHost: config.authorityHost,
    // The authority's metadata comes from its own OpenID document; skipping the instance-discovery
    // call to login.microsoftonline.com lets sovereign clouds, private endpoints and the test peer work.
    disableInstanceDiscovery: true,
    ...(config.tlsCaCert === undefined ? {} : { tlsOptions: ca }),
  });
  const scope = `${base.origin}/.default`;
  // The connection's limiter bounds calls in flight already: this one only paces writes.
  const writes = bucket({ maxConcurrent: 200, perSecond: config.writesPerSecond });
  const auth = new AuthenticationHandler(new TokenCredentialAuthenticationProvider(credential, { scopes: [scope] }));
  const graph = Client.initWithMiddleware({
    // No RetryHandler: throttling is handled by graphCall, which knows the activity's retry policy.
    middleware: [auth, httpsTransport(agent, config.requestTimeoutSeconds * 1000, writes)],
    baseUrl: `${base.origin}/`,
    defaultVersion: version,
    // The client only attaches the token to hosts it knows as Graph.
    customHosts: new Set([base.hostname]),
  });
  return { graph, credential, scope, baseUrl: `${base.origin}/${version}`, agent, writes };
}
