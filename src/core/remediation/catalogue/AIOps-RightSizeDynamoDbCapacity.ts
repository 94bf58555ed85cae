import { capacityDimension, rightSizedThroughput } from '../../cost/rightSizing.js';
import { defineRunbook } from '../runbook.js';
import { at, callOn, contextNowMs, eligible, isProd, notEligible, num, str } from './support/state.js';

/** DynamoDB allows this many decreases of a table's provisioned throughput at any time in a UTC day… */
export const DYNAMODB_FREE_DECREASES_PER_DAY = 4;
/** …then one more per hour without a decrease in the preceding hour, up to this many a day. */
export const DYNAMODB_MAX_DECREASES_PER_DAY = 27;
const HOUR_MS = 3_600_000;

/**
 * Cost right-sizing (rule dynamodb-overprovisioned): lower a provisioned table's read and/or write
 * capacity so its peak consumed rate sits at 70 % — the figure the recommendation priced
 * (`capacityDimension` in src/core/cost/rightSizing.ts). The peak is the table's
 * `PeakConsumedCapacity` (per-second peak of ConsumedRead/WriteCapacityUnits over the rule's
 * window); without it the runbook does not guess. DynamoDB limits decreases per UTC day (4 at any
 * time, then one per hour after an hour without one, 27 at most), so the precondition refuses a
 * decrease the API would reject. Reversible: increases are not limited, so the previous capacity
 * can always be restored. Auto-scaled and on-demand tables are left alone; every run needs a
 * FinOps approval (too little capacity throttles requests).
 */
export default defineRunbook({
  id: 'AIOps-RightSizeDynamoDbCapacity',
  title: 'Lower an over-provisioned non-production DynamoDB table’s capacity',
  condition: 'Cost recommendation: provisioned table whose peak consumed read or write rate is ≤ 30 % of its capacity on 7 of 14 days, no auto scaling, non-prod',
  action: 'UpdateTable: set each over-provisioned dimension to ceil(peak ÷ 70 %) units (at least 1), the other unchanged',
  category: 'storage',
  pattern: 'lambda',
  reversible: true,
  approval: 'always',
  targetResourceType: 'AWS::DynamoDB::Table',
  // Only the cost feature starts it (trigger `cost:<recommendationId>`); no alert carries this rule.
  trigger: { rule: 'cost-recommendation:dynamodb-overprovisioned' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 4,
  sandboxScenario: 'cost-overprovisioned-table',
  rollbackPlan: 'UpdateTable back to the ReadCapacityUnits and WriteCapacityUnits captured before (an increase, which DynamoDB does not limit per day).',
  eligible: (ctx) => {
    const s = ctx.resource.state;
    if (isProd(ctx.environment)) return notEligible('production tables are resized by their owners, not by automation');
    if (!str(s, 'TableName')) return notEligible('TableName unknown');
    if (str(s, 'TableStatus') !== 'ACTIVE') return notEligible(`table status is ${str(s, 'TableStatus') ?? 'unknown'}`);
    // DescribeTable omits BillingModeSummary on tables that were always provisioned.
    const mode = at(s, 'BillingModeSummary.BillingMode');
    if (mode !== undefined && mode !== 'PROVISIONED') return notEligible(`billing mode is ${String(mode)}`);
    if (at(s, 'autoScaling') === true || at(s, 'AutoScaling') === true) return notEligible('capacity is managed by auto scaling');
    const rcu = num(s, 'ProvisionedThroughput.ReadCapacityUnits');
    const wcu = num(s, 'ProvisionedThroughput.WriteCapacityUnits');
    if (rcu === undefined || wcu === undefined) return notEligible('provisioned throughput unknown');
    const peakR = num(s, 'PeakConsumedCapacity.ReadCapacityUnits');
    const peakW = num(s, 'PeakConsumedCapacity.WriteCapacityUnits');
    if (peakR === undefined || peakW === undefined || peakR < 0 || peakW < 0) return notEligible('peak consumed capacity unknown (PeakConsumedCapacity)');
    const read = capacityDimension(rcu, peakR);
    const write = capacityDimension(wcu, peakW);
    if (!read.over && !write.over) return notEligible(`peak utilisation read ${read.utilPct.toFixed(1)} %, write ${write.utilPct.toFixed(1)} %: not over-provisioned`);
    const limit = decreaseAllowed(s, contextNowMs(ctx));
    if (!limit.ok) return notEligible(limit.reason);
    const to = rightSizedThroughput(read, write);
    return eligible(`${rcu} RCU / ${wcu} WCU → ${to.ReadCapacityUnits} RCU / ${to.WriteCapacityUnits} WCU (peak ${peakR} / ${peakW} per second; ${limit.reason})`);
  },
  plan: ({ resource }) => {
    const s = resource.state;
    const read = capacityDimension(num(s, 'ProvisionedThroughput.ReadCapacityUnits') ?? 1, num(s, 'PeakConsumedCapacity.ReadCapacityUnits') ?? Number.POSITIVE_INFINITY);
    const write = capacityDimension(num(s, 'ProvisionedThroughput.WriteCapacityUnits') ?? 1, num(s, 'PeakConsumedCapacity.WriteCapacityUnits') ?? Number.POSITIVE_INFINITY);
    const to = rightSizedThroughput(read, write);
    return [
      callOn(
        resource,
        'dynamodb:UpdateTable',
        { TableName: str(s, 'TableName') ?? resource.name, ProvisionedThroughput: to },
        `capacity ${read.provisioned} RCU / ${write.provisioned} WCU → ${to.ReadCapacityUnits} RCU / ${to.WriteCapacityUnits} WCU`,
      ),
    ];
  },
  rollback: ({ resource }, before) => [
    callOn(
      resource,
      'dynamodb:UpdateTable',
      {
        TableName: str(resource.state, 'TableName') ?? resource.name,
        ProvisionedThroughput: {
          ReadCapacityUnits: num(before, 'ProvisionedThroughput.ReadCapacityUnits') ?? num(resource.state, 'ProvisionedThroughput.ReadCapacityUnits'),
          WriteCapacityUnits: num(before, 'ProvisionedThroughput.WriteCapacityUnits') ?? num(resource.state, 'ProvisionedThroughput.WriteCapacityUnits'),
        },
      },
      'restore the previous capacity',
    ),
  ],
  // The lower capacity still serves the traffic: no throttled request after the change.
  validate: {
    metric: (r) => ({ namespace: 'AWS/DynamoDB', metricName: 'ThrottledRequests', dimensions: { TableName: str(r.state, 'TableName') ?? r.name } }),
    stat: 'Sum',
    below: 1,
    withinMinutes: 15,
    datapoints: 2,
  },
});

/**
 * Whether DynamoDB accepts one more decrease today (DescribeTable's
 * `ProvisionedThroughput.NumberOfDecreasesToday` and `LastDecreaseDateTime`). Unknown counts
 * fail closed; a count from an earlier UTC day has been reset by DynamoDB.
 */
export function decreaseAllowed(state: Record<string, unknown>, nowMs: number | undefined): { ok: boolean; reason: string } {
  let count = num(state, 'ProvisionedThroughput.NumberOfDecreasesToday');
  if (count === undefined || count < 0) return { ok: false, reason: 'decreases today unknown (ProvisionedThroughput.NumberOfDecreasesToday)' };
  if (nowMs === undefined) return { ok: false, reason: 'no reference time (diagnostics.now)' };
  const lastRaw = at(state, 'ProvisionedThroughput.LastDecreaseDateTime');
  const last = typeof lastRaw === 'string' || typeof lastRaw === 'number' ? new Date(lastRaw).getTime() : undefined;
  if (lastRaw !== undefined && (last === undefined || Number.isNaN(last))) return { ok: false, reason: 'LastDecreaseDateTime unreadable' };
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (last !== undefined && day(last) !== day(nowMs)) count = 0;
  if (count < DYNAMODB_FREE_DECREASES_PER_DAY) return { ok: true, reason: `decrease ${count + 1} of ${DYNAMODB_FREE_DECREASES_PER_DAY} free today` };
  if (count >= DYNAMODB_MAX_DECREASES_PER_DAY) return { ok: false, reason: `${count} decreases today: DynamoDB allows ${DYNAMODB_MAX_DECREASES_PER_DAY} a day` };
  if (last === undefined || nowMs - last < HOUR_MS) return { ok: false, reason: `${count} decreases today and one in the last hour: DynamoDB allows the next one an hour after the last` };
  return { ok: true, reason: `decrease ${count + 1} today, none in the last hour` };
}
