import alertmanager from './alertmanager.js';
import anomaly from './anomaly.js';
import cloudtrail from './cloudtrail.js';
import cloudwatchAlarm from './cloudwatchAlarm.js';
import cloudwatchAlarmSns from './cloudwatchAlarmSns.js';
import cloudwatchCompositeAlarm from './cloudwatchCompositeAlarm.js';
import configCompliance from './configCompliance.js';
import guardduty from './guardduty.js';
import health from './health.js';
import securityhub from './securityhub.js';
import type { Normalizer } from './types.js';
import webhook from './webhook.js';

/** Every normalizer, in match order: specific envelopes first, the generic webhook last. */
export const NORMALIZERS: readonly Normalizer<unknown>[] = [
  cloudwatchAlarm,
  cloudwatchCompositeAlarm,
  cloudwatchAlarmSns,
  guardduty,
  securityhub,
  configCompliance,
  health,
  cloudtrail,
  anomaly,
  alertmanager,
  webhook,
] as unknown as readonly Normalizer<unknown>[];

export type { Normalizer } from './types.js';
