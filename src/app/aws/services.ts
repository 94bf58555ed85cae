import type { Alert } from '../../core/alerts/alert.js';
import type { Signal } from '../../core/events/signal.js';
import { bundledPriceSource } from '../../core/cost/prices/snapshot.js';
import type { PriceSource } from '../../core/cost/prices/table.js';
import type { SpendSource } from '../../core/cost/spend/model.js';
import { CATALOGUE, findRunbook } from '../../core/remediation/catalogue/index.js';
import { AiopsError } from '../../core/shared/errors.js';
import type { AlertingConfigInput } from '../../core/alerts/config.js';
import type { Approvals } from '../../ports/approvals.js';
import type { Cloud } from '../../ports/cloud.js';
import type { Clock } from '../../ports/clock.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { Logs } from '../../ports/logs.js';
import type { Metrics } from '../../ports/metrics.js';
import type { Notifier } from '../../ports/notifier.js';
import type { Orchestrator } from '../../ports/orchestrator.js';
import type { Store } from '../../ports/store.js';
import { createAlertingService, type AlertingService } from '../alerting/service.js';
import { createSecurityHubSync, type SecurityHubPort } from '../compliance/securityHubSync.js';
import { createCostService } from '../cost/service.js';
import { createDetectionService } from '../detection/service.js';
import { createRcaService } from '../rca/index.js';
import { createRemediationService } from '../remediation/service.js';
import { DEFAULT_SAFETY, RemediationSteps, type SafetyConfig } from '../remediation/steps.js';

/** The ports an AWS Lambda hands to the product (built from the AWS adapters in src/lambdas/shared). */
export interface AwsServiceDeps {
  clock: Clock;
  store: Store;
  bus: EventBus;
  metrics: Metrics;
  logs: Logs;
  cloud: Cloud;
  notifiers: Notifier[];
  approvals: Approvals;
  /** Step Functions; absent in functions that must not start executions (they fail closed if they try). */
  orchestrator?: Orchestrator;
  /** Cost Explorer; without it the cost report has no spend section source and `cost` fails closed. */
  spend?: SpendSource;
  /** Price List API source; the bundled, dated snapshot otherwise. */
  prices?: PriceSource;
  securityHub?: SecurityHubPort;
}

export interface AwsServiceOptions {
  /** Environment of resources without an `environment` tag. */
  defaultEnvironment?: string;
  safety?: Partial<SafetyConfig>;
  alerting?: AlertingConfigInput;
  consoleUrl?: string;
}

/**
 * The AWS routing: SEV-1 to the `critical` topic, everything else to `alerts` (the SNS notifier
 * picks the topic by receiver name); with Slack configured every incident also goes to `slack`,
 * with PagerDuty every SEV-1 also pages through `pagerduty`.
 */
export function awsAlertingConfig(extra: { slack?: boolean; pagerduty?: boolean } = {}): AlertingConfigInput {
  return {
    receivers: [
      { name: 'alerts', type: 'sns' },
      { name: 'critical', type: 'sns' },
      ...(extra.slack ? [{ name: 'slack', type: 'slack' as const }] : []),
      ...(extra.pagerduty ? [{ name: 'pagerduty', type: 'pagerduty' as const }] : []),
    ],
    route: {
      receiver: 'alerts',
      routes: [
        ...(extra.slack ? [{ receiver: 'slack', continue: true }] : []),
        { receiver: 'critical', matchers: ['severity="SEV-1"'], continue: true },
        ...(extra.pagerduty ? [{ receiver: 'pagerduty', matchers: ['severity="SEV-1"'], continue: true }] : []),
        { receiver: 'alerts', matchers: ['severity!="SEV-1"'] },
      ],
    },
  };
}

/** The routing without chat or paging receivers. */
export const AWS_ALERTING_CONFIG: AlertingConfigInput = awsAlertingConfig();

const notWired = (what: string) => {
  throw new AiopsError(`${what} is not configured for this function`, 'NOT_CONFIGURED');
};

/** Fails closed: a function without a state machine must not silently drop an execution. */
const noOrchestrator: Orchestrator = {
  start: async () => notWired('the remediation state machine (STATE_MACHINE_ARN)'),
  settle: async () => {},
};

/**
 * AWS-mode composition of the product's use cases over the AWS adapters: the same services the
 * local platform builds, with Step Functions as the orchestrator and the task-token approvals.
 * Services are created on first use so each Lambda only builds what it calls.
 */
export function createAwsServices(d: AwsServiceDeps, o: AwsServiceOptions = {}) {
  const notifiers: Record<string, Notifier> = {};
  for (const n of d.notifiers) {
    // Receivers are named after topics; the SNS notifier serves every topic it was given.
    if (n.kind === 'sns') for (const r of ['alerts', 'critical', 'approvals', 'cost-report']) notifiers[r] = n;
    notifiers[n.kind] = n;
  }
  const emitter = (alerting: AlertingService) => async (s: Signal) => void (await alerting.ingestSignals([s], { via: 'bus' }));

  let alerting: AlertingService | undefined;
  const getAlerting = () => (alerting ??= createAlertingService({ store: d.store, clock: d.clock, bus: d.bus, notifiers, inventory: d.cloud, config: o.alerting ?? awsAlertingConfig({ slack: 'slack' in notifiers, pagerduty: 'pagerduty' in notifiers }) }));
  const steps = new RemediationSteps({ store: d.store, cloud: d.cloud, metrics: d.metrics, clock: d.clock, bus: d.bus, approvals: d.approvals, findRunbook, safety: { ...DEFAULT_SAFETY, ...o.safety }, approvalTtlDays: 7 });
  const remediation = createRemediationService({
    store: d.store,
    cloud: d.cloud,
    clock: d.clock,
    steps,
    orchestrator: d.orchestrator ?? noOrchestrator,
    approvals: d.approvals,
    catalogue: CATALOGUE,
    defaultEnvironment: o.defaultEnvironment ?? 'staging',
  });

  return {
    get alerting() {
      return getAlerting();
    },
    steps,
    remediation,

    /** Ingest, then start the matching runbook of every firing alert (the local platform does it on `alert.updated`). */
    async ingestAndRemediate(raws: unknown[], via: 'sqs' | 'api' = 'sqs') {
      const a = getAlerting();
      const results = await a.ingestBatch(raws, { via });
      const alerts = d.store.collection<Alert>('alerts');
      const executions: string[] = [];
      for (const id of new Set(results.flatMap((r) => r.alertIds))) {
        const alert = await alerts.get(id);
        if (alert) for (const e of await remediation.onAlert(alert)) executions.push(e.id);
      }
      // No long-running process on AWS: timers (group waits, retries, escalations) advance on every invocation.
      await a.tick();
      return { results, executions };
    },

    detection: () => createDetectionService({ metrics: d.metrics, store: d.store, clock: d.clock, emit: emitter(getAlerting()) }),
    rca: () => createRcaService({ logs: d.logs, cloud: d.cloud, store: d.store, clock: d.clock }),
    /** `prices` overrides the configured source for one run (the Price List API, refreshed by the caller). */
    cost: (prices?: PriceSource) =>
      createCostService({
        cloud: d.cloud,
        metrics: d.metrics,
        store: d.store,
        clock: d.clock,
        emit: emitter(getAlerting()),
        spend: d.spend ?? { getDailyCost: async () => notWired('Cost Explorer spend') },
        prices: prices ?? d.prices ?? bundledPriceSource(),
        ...(notifiers['cost-report'] ? { notifier: notifiers['cost-report'] } : {}),
        ...(o.consoleUrl ? { consoleUrl: o.consoleUrl } : {}),
      }),
    securityHub: () => (d.securityHub ? createSecurityHubSync({ hub: d.securityHub, store: d.store, clock: d.clock }) : undefined),
  };
}

export type AwsServices = ReturnType<typeof createAwsServices>;
