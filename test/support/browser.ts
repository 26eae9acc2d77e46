/**
 * Browser tests' harness: builds the designer once (Vite, into a temp dir), starts a whole Tenure
 * (real Temporal, worker, PGlite, the HTTP API serving that build) LISTENING on a free loopback
 * port, and drives Debian's Chromium through playwright-core with a fresh profile. Every console
 * error and uncaught page error is collected, so a test can prove the designer logged none.
 */
import { mkdtempSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { peerProgram } from './peerProgram.ts';
import { freePort } from './ports.ts';
import { adminToken, startTestSystem, type TestSystem } from './system.ts';

const root = resolve(import.meta.dirname, '../..');
/**
 * Where the acceptance flows save their screenshots: docs/screenshots, which the docs pages show, when asked to
 * refresh them (TENURE_UPDATE_SCREENSHOTS=1), else a temporary folder, so a test run leaves the
 * tree as it found it.
 */
export const screenshotDir = process.env.TENURE_UPDATE_SCREENSHOTS === '1' ? join(root, 'docs/screenshots') : mkdtempSync(join(tmpdir(), 'tenure-screenshots-'));

/** `vite build designer`, into a directory of its own so a running `npm start` keeps its build. */
export async function buildDesigner(outDir: string): Promise<void> {
  await build({
    configFile: join(root, 'designer/vite.config.ts'),
    root: join(root, 'designer'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
}

/** Debian's Chromium, which playwright-core drives (it downloads no browser of its own). */
export async function chromiumProgram(): Promise<string> {
  return peerProgram({ peer: 'Chromium (the browser tests)', program: '/usr/bin/chromium', from: 'the Debian package chromium' });
}

export interface BrowserSystem {
  sys: TestSystem;
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  stop(): Promise<void>;
}

export async function startBrowserSystem(viewport = { width: 1600, height: 1000 }): Promise<BrowserSystem> {
  const executablePath = await chromiumProgram();
  const dir = await mkdtemp(join(tmpdir(), 'tenure-browser-'));
  const designerDir = join(dir, 'designer');
  const profile = join(dir, 'profile');
  await Promise.all([buildDesigner(designerDir), mkdir(profile)]);
  const sys = await startTestSystem({ designerDir });
  const port = await freePort();
  await sys.app.listen({ host: '127.0.0.1', port });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  // A dirty editor asks before leaving; tests navigate on purpose.
  page.on('dialog', (dialog) => void dialog.accept());
  return {
    sys,
    baseUrl: `http://127.0.0.1:${port}`,
    context,
    page,
    errors,
    async stop() {
      await context.close();
      await sys.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in on the login page, as the bootstrap admin unless another user's token is given. */
export async function signIn(b: BrowserSystem, token = adminToken): Promise<void> {
  if (!(await b.page.getByLabel('API token').isVisible())) await b.page.goto(`${b.baseUrl}/`);
  await b.page.getByLabel('API token').fill(token);
  await b.page.getByRole('button', { name: 'Sign in' }).click();
  await b.page.getByRole('navigation', { name: 'Main' }).waitFor();
}

export async function signOut(b: BrowserSystem): Promise<void> {
  await b.page.getByRole('button', { name: 'Sign out' }).click();
  await b.page.getByLabel('API token').waitFor();
}

/** The canvas node with this id (React Flow's wrapper carries it as data-id). */
export function canvasNode(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** Drags a palette item onto the canvas at a point of the canvas (CSS pixels from its top left). */
export async function dropFromPalette(page: Page, item: string, at: { x: number; y: number }): Promise<void> {
  await page.locator(`[data-palette="${item}"]`).dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
}

/** Draws an edge by dragging from a node's named output to another node's input, as a person would. */
export async function connect(page: Page, source: string, handle: string, target: string): Promise<void> {
  const from = canvasNode(page, source).locator(`.react-flow__handle.source[data-handleid="${handle}"]`);
  const to = canvasNode(page, target).locator('.react-flow__handle.target');
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error(`cannot see the handles to connect ${source}.${handle} → ${target}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/**
 * The set-up most browser files share, as hooks of the calling file: a browser system started before
 * its tests (then `prepare`, then the bootstrap admin signed in), stopped after them, and a screenshot
 * of every failed test. The answer stands for the system: its fields are read once it has started.
 */
export function useBrowserSystem(prepare?: (b: BrowserSystem) => Promise<unknown>): BrowserSystem {
  let started: BrowserSystem | undefined;
  beforeAll(async () => {
    started = await startBrowserSystem();
    started.page.setDefaultTimeout(15_000);
    await prepare?.(started);
    await signIn(started);
  }, 180_000);
  afterAll(async () => {
    await started?.stop();
  });
  afterEach(async ({ task }) => {
    await screenshotOnFailure(started, task);
  });
  return new Proxy({} as BrowserSystem, {
    get(_, key) {
      if (!started) throw new Error('the browser system is used before its beforeAll started it');
      return Reflect.get(started, key) as unknown;
    },
  });
}

/** A failed browser test leaves a picture of the page in the temp dir, for whoever reads the failure. */
export async function screenshotOnFailure(b: BrowserSystem | undefined, task: { name: string; result?: { state?: string } }): Promise<void> {
  if (b && task.result?.state === 'fail') await b.page.screenshot({ path: join(tmpdir(), `tenure-browser-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
}
