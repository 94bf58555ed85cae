import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, EXIT } from './output.js';

export interface ClientOptions {
  url?: string;
  token?: string;
  dataDir?: string;
}

export const defaultDataDir = (): string => resolve(process.env.AIOPS_DATA_DIR ?? '.aiops');
export const defaultPort = (): number => Number(process.env.AIOPS_PORT ?? 3000);

/** Talks to a running server: `--url`/AIOPS_URL, `--token`/AIOPS_TOKEN (default: the data dir's admin token). */
export class ApiClient {
  readonly url: string;
  private readonly token: string | undefined;

  constructor(o: ClientOptions) {
    this.url = (o.url ?? process.env.AIOPS_URL ?? `http://127.0.0.1:${defaultPort()}`).replace(/\/$/, '');
    const file = join(o.dataDir ? resolve(o.dataDir) : defaultDataDir(), 'admin-token');
    this.token = o.token || process.env.AIOPS_TOKEN || (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.url}/api/v1${path}`, {
        method,
        headers: { accept, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new CliError(`cannot reach ${this.url} — is \`aiops start\` running? (set --url or AIOPS_URL)`, EXIT.unreachable);
    }
    const text = await res.text();
    const data = text && (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as Record<string, unknown>) : text;
    if (res.ok) return data as T;
    const d = (typeof data === 'object' ? data : { reason: data }) as { field?: string; reason?: string; error?: string };
    const msg = d.field ? `${d.field}: ${d.reason}` : (d.reason ?? d.error ?? res.statusText);
    const code = res.status === 400 ? EXIT.invalid : res.status === 404 ? EXIT.notFound : res.status === 401 || res.status === 403 ? EXIT.unauthorized : EXIT.failure;
    throw new CliError(msg, code);
  }
}
