/**
 * A real OpenID Connect identity provider for sign-in tests: `oidc-provider` (v9), in-process on a
 * free loopback port. One confidential client is registered for Tenure's callback; PKCE is required;
 * accounts come from the test's own list, with email, email_verified, name and a `roles` claim (like
 * Entra ID app roles). The login form is this peer's own (username and password, checked), so tests
 * and the browser sign in as a person would; consent is implied for Tenure, as for a first-party app.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { freePort } from '../support/ports.ts';

export interface IdpAccount {
  password: string;
  name: string;
  email?: string;
  emailVerified?: boolean;
  roles?: string[];
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginForm(uid: string, error?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test IdP sign-in</title></head><body>
<main><h1>Sign in to the test identity provider</h1>
${error !== undefined ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Username <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form></main></body></html>`;
}

async function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

export async function startOidcProvider(options: { redirectUri: string; accounts: Record<string, IdpAccount> }): Promise<TestIdp> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'tenure';
  const clientSecret = 'tenure-test-client-secret-0123456789';
  const provider: Provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    cookies: { keys: ['test-idp-cookie-key-0123456789abcdef'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Entra ID puts these claims in the ID token; so does this IdP (not only at userinfo).
    conformIdTokenClaims: false,
    claims: { openid: ['sub', 'roles'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    findAccount: (_ctx, id) => {
      const account = Object.hasOwn(options.accounts, id) ? options.accounts[id] : undefined;
      if (!account) return Promise.resolve(undefined);
      return Promise.resolve({
        accountId: id,
        claims: () => ({
          sub: id,
          name: account.name,
          preferred_username: id,
          ...(account.email !== undefined ? { email: account.email, email_verified: account.emailVerified ?? false } : {}),
          ...(account.roles !== undefined ? { roles: account.roles } : {}),
        }),
      });
    },
    // Tenure is a first-party app: consent is implied, so the login form is the only page.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const clientIdOfRequest = ctx.oidc.client?.clientId;
      const accountId = ctx.oidc.session?.accountId;
      if (clientIdOfRequest === undefined || accountId === undefined) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(clientIdOfRequest);
      if (existing !== undefined) return provider.Grant.find(existing);
      const grant = new provider.Grant({ clientId: clientIdOfRequest, accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const oidcHandler = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name !== 'login') {
      sendHtml(res, 501, `<p>The test IdP has no page for the "${escapeHtml(details.prompt.name)}" prompt.</p>`);
      return;
    }
    if (req.method === 'GET' && action === undefined) {
      sendHtml(res, 200, loginForm(uid));
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const form = await readBody(req);
      const login = form.get('login') ?? '';
      const account = Object.hasOwn(options.accounts, login) ? options.accounts[login] : undefined;
      if (!account || account.password !== form.get('password')) {
        sendHtml(res, 200, loginForm(uid, 'Wrong username or password.'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      return;
    }
    sendHtml(res, 404, '<p>No such page.</p>');
  }

  const server = createServer((req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(req.url?.split('?')[0] ?? '');
    if (!match?.[1]) {
      oidcHandler(req, res);
      return;
    }
    interaction(req, res, match[1], match[2]).catch((error: unknown) => {
      if (!res.headersSent) sendHtml(res, 400, `<p>${escapeHtml(error instanceof Error ? error.message : String(error))}</p>`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
