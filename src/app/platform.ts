import { join } from 'node:path';
import { createAlertingService, type AlertingService } from './alerting/service.js';
import { ConfigFileReloader, defaultConfigPath } from './alerting/configFile.js';
import { installFeatures, isInstalled, type FeatureName } from './features/index.js';
import { TokenAuth } from './auth.js';
import { createRemediationService, type RemediationService } from './remediation/service.js';
import { DEFAULT_SAFETY, RemediationSteps, type SafetyConfig } from './remediation/steps.js';
import type { Alert } from '../core/alerts/alert.js';
import { CATALOGUE, findRunbook } from '../core/remediation/catalogue/index.js';
import { LocalOrchestrator } from '../adapters/local/local-orchestrator.js';
import { OutboxEventBus } from '../adapters/local/outbox-bus.js';
import { ClockScheduler } from '../adapters/local/cron-scheduler.js';
import { SqliteStore } from '../adapters/local/sqlite-store.js';
import { ManualClock, VirtualClock } from '../adapters/local/clocks.js';
import { OutboxNotifier } from '../adapters/notifiers/outbox.js';
import { Sandbox, type SandboxSnapshot } from '../adapters/sandbox/sandbox.js';
import type { Approval, Approvals } from '../ports/approvals.js';
import type { Clock } from '../ports/clock.js';
import type { Notifier } from '../ports/notifier.js';

export interface LocalPlatformOptions {
  dataDir: string;
  /** Virtual seconds per real second for the sandbox clock (ignored with a manual clock). */
  speed?: number;
  /** Tests pass a ManualClock; otherwise a persisted virtual clock is used. */
  clock?: Clock;
  seed?: number;
  safety?: Partial<SafetyConfig>;
  /** Environment of resources without an `environment` tag. */
  environment?: string;
  log?: (line: string) => void;
  /**
   * Register the catalogue's scheduled runbooks (snapshot retention, key rotation, detection, sync,
   * cost report) with the scheduler. Off by default so a test sees only the executions it causes.
   */
  schedules?: boolean;
  /** Feature modules to install (default: all). Tests of one concern narrow it. */
  features?: readonly FeatureName[];
}

interface ClockState {
  id: string;
  virtualNow: number;
  speed: number;
  updatedAt: string;
}

interface SandboxState {
  id: string;
  snapshot: SandboxSnapshot;
  updatedAt: string;
}

/**
 * Wires the local platform: SQLite store, outbox bus, scheduler, sandbox account, alerting,
 * the in-process RemediationOrchestrator and the remediation use cases, all on one clock.
 * `start()` recovers from a crash before anything new happens: pending signals are processed,
 * undelivered bus events redelivered, unfinished executions re-driven.
 */
export async function createLocalPlatform(opts: LocalPlatformOptions) {
  const log = opts.log ?? (() => {});
  const store = new SqliteStore(join(opts.dataDir, 'aiops.db'));
  const settings = store.collection<ClockState | SandboxState>('settings');

  const savedClock = (await settings.get('clock')) as ClockState | undefined;
  const speed = opts.speed ?? savedClock?.speed ?? 60;
  // Virtual time continues where the last run stopped, so timestamps never go backwards after a restart.
  const clock: Clock = opts.clock ?? new VirtualClock(savedClock?.virtualNow ?? Date.now(), speed);

  const bus = new OutboxEventBus(store.db, clock, { onError: (e, err) => log(`bus: ${e.topic} ${e.id} failed: ${String((err as Error)?.message ?? err)}`) });
  const scheduler = new ClockScheduler(clock);
  const savedSandbox = (await settings.get('sandbox')) as SandboxState | undefined;
  const sandbox = new Sandbox({ clock, seed: opts.seed ?? 42, ...(savedSandbox ? { restore: savedSandbox.snapshot } : {}) });

  const outbox = new OutboxNotifier(store, clock);
  const notifiers: Record<string, Notifier> = { outbox };
  const alerting: AlertingService = createAlertingService({ store, clock, bus, notifiers, inventory: sandbox.cloud, config: { autoResolve: true } });

  // The alerting config file ($AIOPS_ALERTING_CONFIG or <dataDir>/alerting.yaml) applies before
  // anything is processed and is hot-reloaded while the platform runs; an invalid file keeps the
  // built-in config and says why.
  const alertingConfig = new ConfigFileReloader({ path: defaultConfigPath(opts.dataDir), alerting, log, now: () => clock.now() });
  if (alertingConfig.hasFile()) await alertingConfig.reload();

  // The gateway and the orchestrator refer to each other; the holder breaks the cycle.
  const holder: { orchestrator?: LocalOrchestrator } = {};
  const approvalsGateway: Approvals = {
    async requested(a: Approval) {
      await outbox.notify({ key: `approval:${a.id}`, receiver: 'approvers', action: 'approval', title: `Approval needed: ${a.runbookId}`, summary: `${a.reason} — ${a.targetResource}`, link: `/approvals/${a.id}`, details: { plan: a.plan } });
    },
    async decided(a: Approval) {
      holder.orchestrator?.approvalDecided(a);
    },
  };
  // Kill switches are operator state: persisted, and read by the engine at every decision.
  const savedSafety = (await store.collection<{ id: string; killSwitch: SafetyConfig['killSwitch'] }>('settings').get('safety'))?.killSwitch;
  const safety: SafetyConfig = { ...DEFAULT_SAFETY, ...opts.safety, ...(savedSafety ? { killSwitch: savedSafety } : {}) };
  // The SLO feature's error-budget policy may freeze automated remediation for a service.
  const freezeCheck: { isFrozen?: (service: string | undefined) => Promise<boolean> } = {};
  const steps = new RemediationSteps({
    store,
    cloud: sandbox.cloud,
    metrics: sandbox.metrics,
    clock,
    bus,
    approvals: approvalsGateway,
    findRunbook,
    safety,
    approvalTtlDays: 7,
    isFrozen: async (service) => (service && freezeCheck.isFrozen ? freezeCheck.isFrozen(service) : false),
  });
  const orchestrator = (holder.orchestrator = new LocalOrchestrator(store, steps, clock, (id, e) => log(`orchestrator: ${id}: ${String((e as Error)?.message ?? e)}`)));
  const remediation: RemediationService = createRemediationService({
    store,
    cloud: sandbox.cloud,
    clock,
    steps,
    orchestrator,
    approvals: approvalsGateway,
    catalogue: CATALOGUE,
    defaultEnvironment: opts.environment ?? 'staging',
  });
  const auth = new TokenAuth(store, clock);

  // The sandbox's raw events enter through the same ingestion path as any AWS event.
  sandbox.onRawEvent(async (raw) => {
    await alerting.ingest(raw, { via: 'sandbox' });
  });
  bus.subscribe<{ alertId: string }>('alert.updated', async (e) => {
    const alert = await store.collection<Alert>('alerts').get(e.payload.alertId);
    if (alert) await remediation.onAlert(alert);
  });

  // The simulated world is persisted the moment it changes (the SQLite write is synchronous), so a
  // remediation's effect is on disk before the step that caused it is memoised as done.
  const persistSandbox = () => void settings.put({ id: 'sandbox', snapshot: sandbox.snapshot(), updatedAt: new Date(clock.now()).toISOString() });
  sandbox.onChange(persistSandbox);
  if (!savedSandbox) persistSandbox();
  const persist = async () => {
    await settings.put({ id: 'clock', virtualNow: clock.now(), speed, updatedAt: new Date(clock.now()).toISOString() });
  };

  scheduler.add({ name: 'expire-approvals', cron: '* * * * *', run: async () => void (await remediation.expireApprovals()) });
  if (opts.schedules) {
    for (const r of CATALOGUE) {
      if (r.pattern !== 'scheduled' || !r.schedule) continue;
      scheduler.add({ name: `runbook:${r.id}`, cron: r.schedule.cron, timezone: r.schedule.timezone ?? 'UTC', run: async (at) => void (await remediation.runScheduled(r.id, at)) });
    }
  }

  // Feature modules (SLOs, detection, compliance, cost, RCA…) register their jobs and subscriptions here.
  const features = await installFeatures({ store, bus, clock, scheduler, sandbox, alerting, remediation, notifiers, dataDir: opts.dataDir, log }, opts.features);
  if (isInstalled(features, 'slo')) freezeCheck.isFrozen = (service) => features.slo.isRemediationFrozen(service!);

  let ticking: Promise<void> | undefined;
  /** One step of the platform: sandbox alarms and faults, due jobs, alerting timers, persistence. */
  const tick = async (): Promise<void> => {
    if (ticking) return ticking;
    ticking = (async () => {
      await sandbox.tick();
      await scheduler.runDue();
      await alerting.tick();
      await bus.drain();
      await persist();
    })().finally(() => (ticking = undefined));
    return ticking;
  };

  let timer: NodeJS.Timeout | undefined;
  let unhookManual: (() => void) | undefined;

  return {
    store,
    bus,
    clock,
    scheduler,
    sandbox,
    alerting,
    remediation,
    orchestrator,
    steps,
    auth,
    outbox,
    features,
    safety,
    /** The alerting config file's loader (`GET /alerting/config`, `POST /alerting/config/reload`). */
    alertingConfig,
    /** Sets the global / per-environment kill switch (stored; takes effect at the next safety decision). */
    async setKillSwitch(killSwitch: SafetyConfig['killSwitch'], by: string): Promise<SafetyConfig['killSwitch']> {
      safety.killSwitch = { global: killSwitch.global, environments: [...new Set(killSwitch.environments)] };
      await store.collection<{ id: string; killSwitch: SafetyConfig['killSwitch']; updatedBy: string; updatedAt: string }>('settings').put({ id: 'safety', killSwitch: safety.killSwitch, updatedBy: by, updatedAt: new Date(clock.now()).toISOString() });
      return safety.killSwitch;
    },
    speed,
    dataDir: opts.dataDir,
    tick,

    /** Crash recovery first, then the clock starts driving the platform. */
    async start(): Promise<{ pendingSignals: number; resumedExecutions: string[] }> {
      const pendingSignals = await alerting.processPending();
      bus.start();
      await bus.drain();
      const resumedExecutions = await orchestrator.resumeAll();
      if (clock instanceof ManualClock) unhookManual = clock.onTick(() => tick());
      else {
        timer = setInterval(() => void tick().catch((e) => log(`tick failed: ${String(e?.stack ?? e)}`)), 250);
        alertingConfig.watch();
      }
      return { pendingSignals, resumedExecutions };
    },

    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      alertingConfig.close();
      orchestrator.stop();
      unhookManual?.();
      await ticking;
      await persist().catch(() => undefined);
      await store.close();
    },
  };
}

export type LocalPlatform = Awaited<ReturnType<typeof createLocalPlatform>>;
