/**
 * Organisation sign-in in real Chromium: the designer offers "Sign in with your organisation", the
 * browser goes through the real identity provider's login form (oidc-provider), comes back signed
 * in with an HttpOnly session cookie, and an unsafe API call made by the designer (saving a draft)
 * passes the CSRF check. Signing out revokes the session on the server.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startOidcProvider, type TestIdp } from '../peers/oidc.ts';
import { buildDesigner, chromiumProgram } from '../support/browser.ts';
import { freePort } from '../support/ports.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let dir: string;
let idp: TestIdp;
let sys: TestSystem;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
/** Console and page errors, with the address that logged them. */
const errors: string[] = [];

beforeAll(async () => {
  const executablePath = await chromiumProgram();
  dir = await mkdtemp(join(tmpdir(), 'tenure-login-'));
  const designerDir = join(dir, 'designer');
  await Promise.all([buildDesigner(designerDir), mkdir(join(dir, 'profile'))]);
  const port = await freePort();
  // Plain http on loopback: the development case, where the session cookie is not Secure.
  baseUrl = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({
    redirectUri: `${baseUrl}/auth/callback`,
    accounts: { ana: { password: 'correct horse battery staple', name: 'Ana (IdP)', email: 'ana@example.com', emailVerified: true } },
  });
  sys = await startTestSystem({
    designerDir,
    oidc: { oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: 'openid profile email', rolesClaim: undefined }, idleMinutes: 60, maxHours: 12, publicUrl: baseUrl },
  });
  expect((await sys.api('POST', '/api/users', { id: 'ana', displayName: 'Ana Lima', email: 'ana@example.com', roles: ['designer'] })).status).toBe(201);
  await sys.app.listen({ host: '127.0.0.1', port });
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} at ${message.location().url}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  page.on('dialog', (dialog) => void dialog.accept());
}, 180_000);
afterAll(async () => {
  await context.close();
  await sys.stop();
  await idp.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page.screenshot({ path: join(tmpdir(), `tenure-browser-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
});

const sessionRows = z.array(z.object({ user_id: z.string(), revoked_at: z.date().nullable() }));

describe('organisation sign-in in the designer', () => {
  it('signs in through the identity provider and lands in the designer, signed in', async () => {
    await page.goto(`${baseUrl}/definitions`);
    // The API-token sign-in stays next to the organisation one.
    await page.getByLabel('API token').waitFor();
    await page.getByRole('link', { name: 'Sign in with your organisation' }).click();

    await page.waitForURL(`${idp.issuer}/interaction/**`);
    await page.getByLabel('Username').fill('ana');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL(`${baseUrl}/definitions`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('link', { name: 'New definition' }).waitFor();

    const cookie = (await context.cookies(baseUrl)).find((c) => c.name === 'tenure_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    // The page's scripts cannot read it; nothing was kept in the tab's storage either.
    expect(await page.evaluate(() => document.cookie)).not.toContain('tenure_session');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(sessionRows.parse(await sys.db.query('SELECT user_id, revoked_at FROM sessions'))).toEqual([{ user_id: 'ana', revoked_at: null }]);
  });

  it('saves a draft from the designer: the unsafe call carries the CSRF token', async () => {
    await page.getByRole('link', { name: 'New definition' }).click();
    await page.getByText('An empty canvas').waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Signed-in draft');
    await page.getByRole('textbox', { name: 'Id', exact: true }).fill('signed-in-draft');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/definitions') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const response = await saved;
    expect(response.status()).toBe(201);
    expect(response.request().headers()['x-csrf-token']?.length ?? 0).toBeGreaterThan(20);
    expect(response.request().headers().authorization).toBeUndefined();

    const stored = z.object({ updatedBy: z.string() }).parse((await sys.api('GET', '/api/definitions/signed-in-draft')).body);
    expect(stored.updatedBy).toBe('ana');
  });

  it('signs out: the server revokes the session and the sign-in page returns', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in with your organisation' }).waitFor();
    await expect.poll(async () => sessionRows.parse(await sys.db.query('SELECT user_id, revoked_at FROM sessions'))[0]?.revoked_at).not.toBeNull();
    expect((await context.cookies(baseUrl)).some((c) => c.name === 'tenure_session')).toBe(false);

    // A reload does not sign back in: the session is gone, not just forgotten by the page.
    await page.reload();
    await page.getByRole('link', { name: 'Sign in with your organisation' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
  });

  it('logged no console error on the way', () => {
    expect(errors.filter((e) => !e.includes('favicon.ico'))).toEqual([]);
  });
});
