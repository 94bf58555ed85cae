import { createComplianceService } from '../compliance/complianceService.js';
import { queryAnomalies, type AnomalyDoc, type AnomalyQuery } from '../detection/signals.js';
import { createSloService } from '../slo/service.js';
import type { StoredSlo } from '../slo/types.js';
import type { RecommendationDoc } from '../cost/types.js';
import { AiopsError, NotFoundError } from '../../core/shared/errors.js';
import type { Doc } from '../../ports/store.js';
import type { AwsServiceDeps, AwsServices } from './services.js';

/**
 * Where an operation runs on AWS instead of the API: scans, analyses and evaluations need the
 * read permissions and time budget of their own functions (scheduled or event-driven), not the API's.
 */
const elsewhere = (what: string, where: string) => async (): Promise<never> => {
  throw new AiopsError(`${what} is not served by the API on AWS: ${where}`, 'LOCAL_ONLY');
};

/**
 * The `features` the cost, compliance, detection, SLO and RCA routes read, on AWS: the same
 * services over the DynamoDB store, reads only. What needs the sandbox, the scheduler or cloud
 * read permissions the API function does not have fails with `LOCAL_ONLY`, naming where it runs.
 */
export function createAwsApiFeatures(d: Pick<AwsServiceDeps, 'store' | 'clock' | 'cloud' | 'metrics'>, services: Pick<AwsServices, 'cost' | 'rca'>) {
  // The API never emits signals: every emitting operation is routed elsewhere.
  const noEmit = async () => {
    throw new AiopsError('the API does not emit signals on AWS', 'LOCAL_ONLY');
  };
  const cost = services.cost();
  const compliance = createComplianceService({ cloud: d.cloud, store: d.store, clock: d.clock, emit: noEmit });
  const slo = createSloService({ metrics: d.metrics, store: d.store, clock: d.clock, emit: noEmit });
  const rca = services.rca();
  const anomalies = d.store.collection<AnomalyDoc & Doc>('anomalies');

  return {
    cost: {
      listRecommendations: cost.listRecommendations,
      latestReport: cost.latestReport,
      async getRecommendation(id: string) {
        const doc = await d.store.collection<RecommendationDoc>('recommendations').get(id);
        if (!doc) throw new NotFoundError('recommendation', id);
        return doc;
      },
      dismiss: cost.dismiss,
      spendByService: elsewhere('daily spend (Cost Explorer)', 'see the daily cost report (GET /cost/report) written by the cost-analyzer function'),
      analyze: elsewhere('cost analysis', 'the cost-analyzer function runs it daily at 03:00 UTC'),
      dailyReport: elsewhere('the daily report', 'the cost-analyzer function writes it daily at 03:00 UTC'),
      dryRun: elsewhere('a recommendation dry run', 'remediation runs on the Step Functions orchestrator'),
      approve: elsewhere('a FinOps approval', 'approve the remediation through POST /api/approvals/{id}/decision'),
      injectSpendSpike: elsewhere('spend spikes', 'the sandbox exists only locally'),
    },
    compliance: {
      listFindings: compliance.listFindings,
      getFinding: compliance.getFinding,
      scores: compliance.scores,
      history: compliance.history,
      suppress: compliance.suppress,
      unsuppress: compliance.unsuppress,
      scan: elsewhere('a compliance scan', 'findings come from AWS Config and Security Hub (maintenance function, every 15 minutes)'),
    },
    detection: {
      anomalies: (q: AnomalyQuery = {}) => queryAnomalies(anomalies, q),
      metrics: elsewhere('the monitored metric list', 'the anomaly-detector function lists CloudWatch metrics every 5 minutes'),
      explain: elsewhere('detector explanations', 'they replay CloudWatch history in the anomaly-detector function'),
      lastRun: () => undefined,
      runOnce: elsewhere('a detection run', 'the anomaly-detector function runs every 5 minutes'),
      config: { threshold: undefined },
    },
    slo: {
      list: slo.list,
      get: slo.get,
      history: slo.history,
      /** The last stored evaluation; evaluating needs CloudWatch reads the API does not have. */
      async status(doc: StoredSlo) {
        if (doc.last) return doc.last;
        throw new AiopsError(`SLO ${doc.id} has not been evaluated yet`, 'LOCAL_ONLY');
      },
      ensureBackfilled: async () => {},
      check: elsewhere('SLO spec checks', 'run `aiops slo check` locally'),
      create: elsewhere('SLO changes', 'SLO specs deploy with the stacks (slos/)'),
      remove: elsewhere('SLO changes', 'SLO specs deploy with the stacks (slos/)'),
    },
    rca: {
      latestReport: rca.latestReport,
      list: rca.list,
      get: rca.get,
      edit: rca.edit,
      publish: rca.publish,
      exportActionItems: rca.exportActionItems,
      responseReport: rca.responseReport,
      analyzeIncident: elsewhere('RCA', 'the log-analyzer function analyzes every incident when it opens'),
      draftFor: elsewhere('post-mortem drafts', 'the log-analyzer function drafts them when an incident is resolved'),
    },
  };
}

export type AwsApiFeatures = ReturnType<typeof createAwsApiFeatures>;
