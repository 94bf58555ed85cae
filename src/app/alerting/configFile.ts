import { existsSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { stableHash } from '../../core/shared/hash.js';
import { checkConfig, type ConfigProblem } from './checkConfig.js';
import type { AlertingService } from './service.js';

export type ConfigReloadResult =
  | { ok: true; path: string; changed: boolean; hash: string; loadedAt: string; warnings: string[] }
  /** The previous config stays live; `errors` name each failing field. */
  | { ok: false; path: string; errors: ConfigProblem[]; live: string };

/** `$AIOPS_ALERTING_CONFIG`, else `<dataDir>/alerting.yaml`. */
export function defaultConfigPath(dataDir: string, env: Record<string, string | undefined> = process.env): string {
  return env.AIOPS_ALERTING_CONFIG || join(dataDir, 'alerting.yaml');
}

export interface ConfigFileReloaderOptions {
  path: string;
  alerting: Pick<AlertingService, 'reloadConfig'>;
  /** Real-time clock of the host (file events are real-time), for `loadedAt`. */
  now?: () => number;
  log?: (line: string) => void;
  /** Called after every reload attempt triggered by the file watcher. */
  onReload?: (result: ConfigReloadResult) => void;
}

/**
 * Hot reload of the alerting/routing config file: read, validate (schema + references), then swap
 * atomically through `alerting.reloadConfig`. An invalid file never replaces a working config;
 * the result names the failing field. `watch()` reloads when the file changes on disk (editors
 * that replace the file are covered by watching its directory).
 *
 * @example
 * const reloader = new ConfigFileReloader({ path: defaultConfigPath(dataDir), alerting });
 * if (reloader.hasFile()) await reloader.reload();
 * reloader.watch();
 */
export class ConfigFileReloader {
  private liveHash: string | undefined;
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  /** The last attempt's outcome (for `GET /alerting/config`). */
  last: ConfigReloadResult | undefined;

  constructor(private readonly opts: ConfigFileReloaderOptions) {}

  get path(): string {
    return this.opts.path;
  }

  hasFile(): boolean {
    return existsSync(this.opts.path);
  }

  /** Reads, validates and swaps. `force: false` skips a file whose content is already live. */
  reload(force = true): Promise<ConfigReloadResult> {
    // Serialised: two quick edits never apply out of order.
    const run = this.chain.then(() => this.reloadOnce(force));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async reloadOnce(force: boolean): Promise<ConfigReloadResult> {
    const path = this.opts.path;
    const live = this.liveHash ?? 'built-in';
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      return (this.last = { ok: false, path, live, errors: [{ path: '(file)', message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] });
    }
    const hash = stableHash(text);
    if (!force && hash === this.liveHash && this.last?.ok) return { ...this.last, changed: false };
    const check = checkConfig(text);
    if (!check.ok) {
      this.opts.log?.(`alerting config ${path} rejected, keeping the live one: ${check.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
      return (this.last = { ok: false, path, live, errors: check.errors });
    }
    try {
      await this.opts.alerting.reloadConfig(check.config);
    } catch (e) {
      const err = e as Error & { field?: string };
      return (this.last = { ok: false, path, live, errors: [{ path: err.field ?? '(root)', message: err.message }] });
    }
    const changed = hash !== this.liveHash;
    this.liveHash = hash;
    this.opts.log?.(`alerting config ${path} loaded (${hash})`);
    return (this.last = { ok: true, path, changed, hash, loadedAt: new Date((this.opts.now ?? Date.now)()).toISOString(), warnings: check.warnings });
  }

  /** Reloads whenever the file changes on disk; idempotent. */
  watch(debounceMs = 100): void {
    if (this.watcher) return;
    const file = basename(this.opts.path);
    try {
      this.watcher = watch(dirname(this.opts.path), (_event, name) => {
        if (name !== null && name !== file) return;
        if (this.debounce) clearTimeout(this.debounce);
        // Editors write in several steps: reload once the burst is over.
        this.debounce = setTimeout(() => {
          this.debounce = undefined;
          void this.reload(false).then((r) => this.opts.onReload?.(r));
        }, debounceMs);
        this.debounce.unref();
      });
      // Watching never keeps a process alive on its own (CLI runs, tests).
      this.watcher.unref();
    } catch (e) {
      this.opts.log?.(`cannot watch ${this.opts.path}: ${(e as Error).message}`);
    }
  }

  close(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
