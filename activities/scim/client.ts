/**
 * One SCIM client per connection (pooled by the activities): sends `application/scim+json`
 * requests under the connection's limits, with the bearer token or an OAuth access token it
 * obtains by the client credentials grant and keeps until shortly before it expires.
 *
 * It never puts a credential in a message: every text that leaves it goes through `redact`.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { withinLimits } from '../limits.ts';
import { answerFailure, networkFailure, type ScimAnswer } from './failures.ts';
import { credentialOf, type ScimConnection } from './settings.ts';

export const scimMediaType = 'application/scim+json';
const requestTimeoutMs = 60_000;

export interface ScimRequest {
  query?: Record<string, string>;
  body?: unknown;
}

const tokenAnswer = z.object({ access_token: z.string().min(1), token_type: z.string(), expires_in: z.coerce.number().positive().optional() }).loose();
const tokenError = z.object({ error: z.string(), error_description: z.string().optional() }).loose();

export class ScimClient {
  readonly baseUrl: string;
  private readonly connection: ScimConnection;
  private readonly secret: string;
  private accessToken: { value: string; expiresAt: number } | undefined;

  constructor(connection: ScimConnection) {
    const credential = credentialOf(connection);
    if (!credential.ok) throw ApplicationFailure.nonRetryable(`connection "${connection.id}": ${credential.problem}`, 'ScimConnectionInvalid');
    this.connection = connection;
    this.secret = credential.secret;
    this.baseUrl = connection.config.baseUrl.replace(/\/+$/, '');
  }

  /** Removes the connection's credentials from a text that came from elsewhere (an app's error detail). */
  redact(text: string): string {
    let out = text.split(this.secret).join('[redacted]');
    if (this.accessToken) out = out.split(this.accessToken.value).join('[redacted]');
    return out;
  }

  /**
   * Sends a request and returns the answer when its status is one of `expected`; any other status
   * becomes the failure it means. `what` names the operation in messages.
   */
  async send(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, what: string, expected: readonly number[], request: ScimRequest = {}): Promise<ScimAnswer> {
    let answer = await this.once(method, path, what, request);
    if (answer.status === 401 && this.connection.config.auth.mode === 'oauth-client-credentials') {
      // An access token can be revoked or expire early; one fresh token is worth a second try.
      this.accessToken = undefined;
      answer = await this.once(method, path, what, request);
    }
    if (!expected.includes(answer.status)) throw answerFailure(answer, what, (t) => this.redact(t));
    return answer;
  }

  /** The Authorization header value, fetching an OAuth access token when none is held. */
  async authorization(): Promise<string> {
    if (this.connection.config.auth.mode === 'bearer') return `Bearer ${this.secret}`;
    if (!this.accessToken || this.accessToken.expiresAt <= Date.now()) this.accessToken = await this.fetchToken();
    return `Bearer ${this.accessToken.value}`;
  }

  private async once(method: string, path: string, what: string, request: ScimRequest): Promise<ScimAnswer> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: `${scimMediaType}, application/json`, authorization: await this.authorization() };
    if (request.body !== undefined) headers['content-type'] = scimMediaType;
    const { id, version, config } = this.connection;
    return withinLimits(id, version, config.limits, async () => {
      let res: Response;
      let text: string;
      try {
        res = await fetch(url, {
          method,
          headers,
          signal: AbortSignal.timeout(requestTimeoutMs),
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        });
        text = await res.text();
      } catch (error) {
        throw networkFailure(error, what, this.baseUrl);
      }
      return { status: res.status, headers: res.headers, body: parseBody(text) };
    });
  }

  /** RFC 6749 §4.4: the client credentials grant. */
  private async fetchToken(): Promise<{ value: string; expiresAt: number }> {
    const auth = this.connection.config.auth;
    if (auth.mode !== 'oauth-client-credentials') throw new Error('only OAuth connections fetch tokens');
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (auth.scope !== undefined) form.set('scope', auth.scope);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (auth.tokenAuthMethod === 'client_secret_basic') {
      // §2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded.
      headers.authorization = `Basic ${Buffer.from(`${formEncode(auth.clientId)}:${formEncode(this.secret)}`).toString('base64')}`;
    } else {
      form.set('client_id', auth.clientId);
      form.set('client_secret', this.secret);
    }
    const what = `getting an access token from ${auth.tokenUrl}`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(auth.tokenUrl, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(requestTimeoutMs) });
      text = await res.text();
    } catch (error) {
      throw networkFailure(error, what, auth.tokenUrl);
    }
    const body = parseBody(text);
    if (res.ok) {
      const token = tokenAnswer.safeParse(body);
      if (!token.success || token.data.token_type.toLowerCase() !== 'bearer') {
        throw ApplicationFailure.nonRetryable(`${what}: the answer holds no bearer access token; check the connection’s tokenUrl`, 'ScimTokenRefused');
      }
      // A minute of margin so a token never expires between this check and the app reading it.
      const lifetimeMs = (token.data.expires_in ?? 3600) * 1000;
      return { value: token.data.access_token, expiresAt: Date.now() + Math.max(lifetimeMs - 60_000, lifetimeMs / 2) };
    }
    if (res.status === 429 || res.status >= 500) throw answerFailure({ status: res.status, headers: res.headers, body }, what, (t) => this.redact(t));
    const refused = tokenError.safeParse(body);
    const reason = refused.success ? this.redact([refused.data.error, refused.data.error_description].filter(Boolean).join(': ')) : `HTTP ${res.status}`;
    throw ApplicationFailure.nonRetryable(`${what} was refused (${reason}); check the connection’s clientId, client secret and scope`, 'ScimTokenRefused');
  }
}

function formEncode(s: string): string {
  return new URLSearchParams({ s }).toString().slice(2);
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page from a proxy, say): keep the start of it for the message.
    return { detail: text.slice(0, 200) };
  }
}
