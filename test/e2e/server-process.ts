import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFailed } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test', 'e2e', 'artifacts');

/**
 * Debian's chromium, headless, through playwright-core (never a downloaded browser build). The
 * background-networking flags keep it from calling hosts this machine cannot reach.
 */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const executablePath = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  token: string;
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Starts `aiops start` as a real child process on a free port and waits until it prints its URL. */
export async function startServer(opts: { dataDir?: string; speed?: number; port?: number } = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'aiops-e2e-'));
  // A port found free can be taken by another process before the server binds it: try another.
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    try {
      return await spawnServer(dataDir, port, opts.speed ?? 300);
    } catch (e) {
      if (opts.port !== undefined || attempt >= 3 || !String(e).includes('EADDRINUSE')) throw e;
    }
  }
}

async function spawnServer(dataDir: string, port: number, speed: number): Promise<RunningServer> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'aiops.js'), '--data-dir', dataDir, 'start', '--port', String(port), '--sandbox-speed', String(speed)], {
    cwd: ROOT,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      if (out.includes('Console and API:')) {
        clearTimeout(timer);
        res();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    token,
    child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once('exit', () => res());
        child.kill(signal);
      }),
  };
}

/** Polls `check` until it returns a value, within `timeoutMs` (the server runs on its own clock). */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function apiGet<T>(s: RunningServer, path: string): Promise<T> {
  const r = await fetch(`${s.url}/api/v1${path}`, { headers: { authorization: `Bearer ${s.token}` } });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return (await r.json()) as T;
}

export async function apiPost<T>(s: RunningServer, path: string, body: unknown = {}): Promise<T> {
  const r = await fetch(`${s.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/**
 * Leaves the server's output and its overview in the artifacts folder when a browser test fails,
 * so a CI failure can be read without rerunning it.
 */
export async function dumpServerState(s: RunningServer, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}-server.log`), s.output());
  const overview = await apiGet(s, '/overview').catch((e: unknown) => ({ error: String(e) }));
  writeFileSync(join(ARTIFACTS, `${name}-overview.json`), JSON.stringify(overview, null, 2));
}

export interface ConsoleSession {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A new page, not signed in (it leaves its screenshot and the server's state if the test fails). */
  page(): Promise<Page>;
  /** A new page, signed in with the admin token (signing in reloads the page; this waits for it). */
  signedInPage(): Promise<Page>;
}

/**
 * One server process and one browser for a test file, torn down after it. Every page it opens
 * leaves a screenshot and the server's state in the artifacts folder when its test fails.
 */
export function consoleSession(name: string, opts: { speed: number }): ConsoleSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer({ speed: opts.speed });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const session: ConsoleSession = {
    get server() {
      if (!server) throw new Error('the server is not started (use the session inside a test)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started (use the session inside a test)');
      return browser;
    },
    async page() {
      const page = await session.browser.newPage({ viewport: { width: 1400, height: 1000 } });
      onTestFailed(async () => {
        await page.screenshot({ path: join(ARTIFACTS, `${name}-failure.png`), fullPage: true }).catch(() => undefined);
        await dumpServerState(session.server, name);
      });
      return page;
    },
    async signedInPage() {
      const page = await session.page();
      await page.goto(session.server.url);
      await page.getByTestId('token-input').fill(session.server.token);
      // Signing in shows "signed in" and then reloads the console: wait for the reload itself, or a
      // navigation made right after it is undone by the reload.
      await Promise.all([page.waitForEvent('load'), page.getByTestId('token-save').click()]);
      await page.getByText('signed in').waitFor();
      return page;
    },
  };
  return session;
}
