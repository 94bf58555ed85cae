import { createAwsServices, type AwsServices } from '../../app/aws/services.js';
import { notifiersFromSettings } from '../../adapters/aws/notifier-secret.js';
import { createAwsApiFeatures } from '../../app/aws/api-features.js';
import { MAINTENANCE_RUNBOOKS } from '../../app/aws/maintenance.js';
import type { OrchestratorPayload } from '../../app/remediation/steps.js';
import type { Incident } from '../../core/incidents/incident.js';
import { AiopsError, ValidationError } from '../../core/shared/errors.js';
import type { Notifier } from '../../ports/notifier.js';
import { createHttpApi } from './http-api.js';
import { wireUseCases, type AppUseCases, type AwsDeps, type HttpRequest, type HttpResponse, type OrchestratorState } from './use-cases.js';

/** One composition per container: AwsDeps are built once per container, so are the services. */
const composed = new WeakMap<AwsDeps, AwsServices>();

const httpApis = new WeakMap<AwsDeps, (r: HttpRequest) => Promise<HttpResponse>>();

function compose(deps: AwsDeps, extraNotifiers: Notifier[] = []): AwsServices {
  const { prices: _perRun, notifierSettings: _settings, ...ports } = deps;
  return createAwsServices({ ...ports, notifiers: [...deps.notifiers, ...extraNotifiers] }, { defaultEnvironment: deps.defaultEnvironment ?? deps.env });
}

/** The composition of a container, without the secret's notifiers unless `ready` composed it first. */
export function servicesFor(deps: AwsDeps): AwsServices {
  let s = composed.get(deps);
  if (!s) {
    s = compose(deps);
    composed.set(deps, s);
  }
  return s;
}

/**
 * The composition with the Slack/PagerDuty notifiers the notifier secret configures (read once per
 * container). If the secret cannot be read, this invocation still notifies through SNS and the
 * next one reads the secret again (the composition is not kept).
 */
export async function ready(deps: AwsDeps): Promise<AwsServices> {
  const cached = composed.get(deps);
  if (cached) return cached;
  if (!deps.notifierSettings) return servicesFor(deps);
  let extra: Notifier[];
  try {
    extra = notifiersFromSettings(await deps.notifierSettings());
  } catch {
    return compose(deps);
  }
  const s = compose(deps, extra);
  composed.set(deps, s);
  return s;
}

const payload = (input: Record<string, unknown>): OrchestratorPayload => {
  if (typeof input.executionId !== 'string' || !input.executionId) throw new ValidationError('executionId', 'required');
  return input as unknown as OrchestratorPayload;
};

async function runRemediationStep(deps: AwsDeps, state: OrchestratorState, input: Record<string, unknown>, taskToken?: string): Promise<Record<string, unknown>> {
  const { steps } = await ready(deps);
  const p = payload(input);
  switch (state) {
    case 'CollectDiagnostics':
      return { ...(await steps.collectDiagnostics(p)) };
    case 'EligibilityCheck':
      return { ...(await steps.eligibilityCheck(p)) };
    case 'RequestApproval': {
      // The state waits for SendTaskSuccess/Failure with the token; this output is not used by it.
      if (!taskToken) throw new ValidationError('taskToken', 'RequestApproval needs the task token');
      const a = await steps.ensureApprovalRequested(p.executionId, taskToken);
      return { approvalId: a.id, status: a.status };
    }
    case 'Execute':
      return { ...(await steps.execute(p)) };
    case 'ValidateRemediation':
      // RemediationNotYetEffective propagates with its name: the ASL retries on it.
      return { ...(await steps.validate(p)) };
    case 'Rollback':
      return { ...(await steps.rollback(p)) };
    case 'Record':
      return { ...(await steps.record(p)) };
  }
}

export const AWS_USE_CASES: AppUseCases = {
  async ingestSignals(deps, inputs) {
    const { results } = await (await ready(deps)).ingestAndRemediate(inputs.map((i) => i.raw));
    return {
      accepted: results.filter((r) => r.status === 'accepted').length,
      quarantined: results.filter((r) => r.status === 'quarantined').length,
      incidentIds: [...new Set(results.flatMap((r) => r.incidentIds))],
    };
  },

  async runDetection(deps) {
    const s = await ready(deps);
    const res = await s.detection().runOnce();
    // The detector runs every 5 minutes: it also advances alerting's timers (group waits, retries, escalations).
    // Approvals are not expired here: the RequestApproval state times out after the same 7 days
    // (MarkExpired), and decide() refuses a decision past expiresAt.
    await s.alerting.tick();
    return { series: res.metrics, anomalies: res.anomalies };
  },

  async analyzeIncidentLogs(deps, input) {
    const { report } = await (await ready(deps)).rca().analyzeAndRecord(input.incidentId);
    return { patterns: report.templates.length };
  },

  async draftPostmortem(deps, input) {
    const incident = await deps.store.collection<Incident>('incidents').get(input.incidentId);
    // Every incident update arrives here; only a resolved one gets a post-mortem (onIncidentResolved is idempotent).
    if (incident?.status !== 'resolved') return {};
    const pm = await (await ready(deps)).rca().onIncidentResolved(incident);
    return pm ? { postmortemId: pm.id } : {};
  },

  async analyzeCost(deps, input) {
    if (!deps.reports) throw new AiopsError('the cost report needs REPORTS_BUCKET_NAME', 'NOT_CONFIGURED');
    const prices = deps.prices?.(input.scheduledFor.slice(0, 10));
    await prices?.refresh?.();
    const cost = (await ready(deps)).cost(prices);
    const summary = await cost.analyze();
    const daily = await cost.dailyReport();
    const base = input.reportKey.replace(/\.json$/, '');
    await deps.reports.put(input.reportKey, JSON.stringify(daily.report));
    await deps.reports.put(`${base}.md`, daily.markdown, 'text/markdown; charset=utf-8');
    await deps.reports.put(`${base}.html`, daily.html, 'text/html; charset=utf-8');
    return { recommendations: summary.recommendations, monthlySavings: summary.totalMonthlySavingsUsd };
  },

  runRemediationStep,

  async decideApproval(deps, input) {
    return (await ready(deps)).remediation.decide(input.approvalId, input.decision, input.principal, input.comment);
  },

  async runMaintenance(deps, input) {
    const s = await ready(deps);
    if (input.task === 'security-hub-sync') {
      const sync = s.securityHub();
      if (!sync) throw new AiopsError('Security Hub sync needs the Security Hub adapter', 'NOT_CONFIGURED');
      const imported = await sync.importFindings();
      const published = await sync.publishFindings();
      return { task: input.task, imported, published };
    }
    // Every deletion/rotation is a remediation execution (safety rules, approval, audit, rollback),
    // one per eligible resource, keyed by the occurrence so a retried schedule starts nothing new.
    const runbookId = MAINTENANCE_RUNBOOKS[input.task];
    const started = await s.remediation.runScheduled(runbookId, new Date(input.scheduledFor));
    return { task: input.task, runbookId, started: started.map((e) => e.id) };
  },

  async handleHttp(deps, request) {
    let api = httpApis.get(deps);
    if (!api) {
      const s = await ready(deps);
      api = createHttpApi({ store: deps.store, clock: deps.clock, alerting: s.alerting, remediation: s.remediation }, deps.principalRoles ?? {}, createAwsApiFeatures(deps, s));
      httpApis.set(deps, api);
    }
    return api(request);
  },
};

wireUseCases(AWS_USE_CASES);
