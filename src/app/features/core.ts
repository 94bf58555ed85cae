import type { ClockScheduler } from '../../adapters/local/cron-scheduler.js';
import type { Sandbox } from '../../adapters/sandbox/sandbox.js';
import type { Clock } from '../../ports/clock.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { Notifier } from '../../ports/notifier.js';
import type { Store } from '../../ports/store.js';
import type { AlertingService } from '../alerting/service.js';
import type { RemediationService } from '../remediation/service.js';

/** What a feature module gets from the local platform to wire itself in. */
export interface PlatformCore {
  store: Store;
  bus: EventBus;
  clock: Clock;
  scheduler: ClockScheduler;
  sandbox: Sandbox;
  alerting: AlertingService;
  remediation: RemediationService;
  notifiers: Record<string, Notifier>;
  dataDir: string;
  log: (line: string) => void;
}
