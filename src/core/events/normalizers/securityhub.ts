import { z } from 'zod';
import { isoTimestamp, toIso } from '../alarmSignal.js';
import type { SignalLevel, SignalState } from '../signal.js';
import { defineNormalizer } from './types.js';

const ts = z.string().refine(isoTimestamp, 'must be a timestamp');

/** One AWS Security Finding Format (ASFF) finding: the required fields plus the state we read. */
export const AsffFindingSchema = z.object({
  SchemaVersion: z.string(),
  Id: z.string().min(1),
  ProductArn: z.string().min(1),
  GeneratorId: z.string().min(1),
  AwsAccountId: z.string(),
  Types: z.array(z.string()).optional(),
  CreatedAt: ts,
  UpdatedAt: ts,
  Severity: z.object({ Label: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']), Normalized: z.number().optional() }),
  Title: z.string().min(1),
  Description: z.string(),
  Resources: z.array(z.object({ Type: z.string(), Id: z.string().min(1), Region: z.string().optional(), Tags: z.record(z.string(), z.string()).optional() })).min(1),
  Compliance: z.object({ Status: z.enum(['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE']) }).optional(),
  Workflow: z.object({ Status: z.enum(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']) }).optional(),
  RecordState: z.enum(['ACTIVE', 'ARCHIVED']).optional(),
  Region: z.string().optional(),
});

export const SecurityHubImportedEventSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.literal('Security Hub Findings - Imported'),
  source: z.literal('aws.securityhub'),
  account: z.string(),
  region: z.string(),
  time: ts,
  detail: z.object({ findings: z.array(AsffFindingSchema).min(1) }),
});

const LEVELS: Record<string, SignalLevel> = { CRITICAL: 'critical', HIGH: 'high', MEDIUM: 'medium', LOW: 'low', INFORMATIONAL: 'info' };

type Finding = z.infer<typeof AsffFindingSchema>;

/** Archived, resolved, suppressed or passing findings close the alert; everything else fires. */
export function asffState(f: Finding): SignalState {
  if (f.RecordState === 'ARCHIVED') return 'resolved';
  if (f.Workflow?.Status === 'RESOLVED' || f.Workflow?.Status === 'SUPPRESSED') return 'resolved';
  if (f.Compliance?.Status === 'PASSED') return 'resolved';
  return 'firing';
}

export default defineNormalizer({
  id: 'securityhub',
  title: 'Security Hub "Findings - Imported" (ASFF)',
  source: 'securityhub',
  matches: (raw) => raw['detail-type'] === 'Security Hub Findings - Imported',
  schema: SecurityHubImportedEventSchema,
  toSignals: (e) =>
    e.detail.findings.map((f) => {
      const r = f.Resources[0] as Finding['Resources'][number];
      const region = r.Region ?? f.Region ?? e.region;
      return {
        sourceId: `${f.Id}|${f.UpdatedAt}`,
        source: 'securityhub' as const,
        kind: f.Compliance ? ('compliance' as const) : ('security-finding' as const),
        resourceArn: r.Id,
        resourceType: r.Type,
        rule: f.GeneratorId,
        state: asffState(f),
        level: LEVELS[f.Severity.Label] as SignalLevel,
        ...(f.Severity.Normalized !== undefined ? { value: f.Severity.Normalized } : {}),
        title: f.Title,
        description: f.Description,
        labels: { findingId: f.Id, product: f.ProductArn.split('/').slice(-2).join('/'), ...(f.Types?.[0] ? { findingType: f.Types[0] } : {}), ...(r.Tags ?? {}) },
        time: toIso(f.UpdatedAt),
        account: f.AwsAccountId,
        region,
        raw: f,
      };
    }),
});
