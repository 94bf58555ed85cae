import { z } from 'zod';
import { isoTimestamp, toIso } from '../alarmSignal.js';
import type { SignalLevel, SignalState } from '../signal.js';
import { defineNormalizer, ownershipTags } from './types.js';

const ts = z.string().refine(isoTimestamp, 'must be a timestamp');

/** EventBridge "AWS Health Event" (documented detail fields). */
export const HealthEventSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.literal('AWS Health Event'),
  source: z.literal('aws.health'),
  account: z.string(),
  region: z.string(),
  time: ts,
  detail: z.object({
    eventArn: z.string().min(1),
    service: z.string().min(1),
    eventTypeCode: z.string().min(1),
    eventTypeCategory: z.enum(['issue', 'accountNotification', 'scheduledChange', 'investigation']),
    eventScopeCode: z.string().optional(),
    startTime: z.string(),
    endTime: z.string().optional(),
    lastUpdatedTime: z.string().optional(),
    statusCode: z.enum(['open', 'closed', 'upcoming']),
    eventRegion: z.string().optional(),
    availabilityZone: z.string().optional(),
    eventDescription: z.array(z.object({ language: z.string(), latestDescription: z.string() })).optional(),
    affectedEntities: z.array(z.object({ entityValue: z.string(), entityArn: z.string().optional(), tags: z.record(z.string(), z.string()).optional() })).optional(),
  }),
});

const LEVEL: Record<string, SignalLevel> = { issue: 'high', investigation: 'medium', scheduledChange: 'low', accountNotification: 'info' };

export function healthState(category: string, status: string): SignalState {
  if (status === 'closed') return 'resolved';
  if (category === 'accountNotification') return 'info';
  return 'firing';
}

export default defineNormalizer({
  id: 'health',
  title: 'AWS Health event',
  source: 'health',
  matches: (raw) => raw['detail-type'] === 'AWS Health Event',
  schema: HealthEventSchema,
  toSignals: (e) => {
    const d = e.detail;
    const region = d.eventRegion ?? e.region;
    const updated = d.lastUpdatedTime ?? d.startTime;
    const time = toIso(d.statusCode === 'closed' && d.endTime ? d.endTime : updated);
    // One signal per affected resource so each correlates with that resource's alarms; an event
    // without entities (a regional issue) is about the service in the region.
    const entities: { entityValue: string; entityArn?: string; tags?: Record<string, string> }[] = d.affectedEntities?.length ? d.affectedEntities : [{ entityValue: d.eventArn, entityArn: d.eventArn }];
    const labels: Record<string, string> = { awsService: d.service, eventTypeCode: d.eventTypeCode, region };
    if (d.availabilityZone) labels.availabilityZone = d.availabilityZone;
    return entities.map((ent) => ({
      sourceId: `${d.eventArn}|${ent.entityValue}|${d.statusCode}|${toIso(updated)}`,
      source: 'health' as const,
      kind: 'health' as const,
      resourceArn: ent.entityArn ?? (ent.entityValue.startsWith('arn:') ? ent.entityValue : `${d.eventArn}/${ent.entityValue}`),
      rule: d.eventTypeCode,
      state: healthState(d.eventTypeCategory, d.statusCode),
      level: LEVEL[d.eventTypeCategory] as SignalLevel,
      title: `AWS Health: ${d.eventTypeCode}`,
      ...(d.eventDescription?.[0] ? { description: d.eventDescription[0].latestDescription } : {}),
      labels: { ...ownershipTags(ent.tags), ...labels, entity: ent.entityValue },
      time,
      account: e.account,
      region,
      raw: e,
    }));
  },
});
