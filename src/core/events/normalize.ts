import { stableHash } from '../shared/hash.js';
import { NORMALIZERS } from './normalizers/index.js';
import { isRecord } from './normalizers/types.js';
import { SignalSchema, type Signal } from './signal.js';

export type NormalizeResult = { ok: true; source: string; signals: Signal[] } | { ok: false; field: string; reason: string; source?: string };

/** The stable signal id: one per (source, source event id), so a re-delivery collides with the original. */
export function signalId(source: string, sourceId: string): string {
  return `sig-${stableHash(`${source}|${sourceId}`)}`;
}

const fieldOf = (path: readonly PropertyKey[]): string => path.map(String).join('.') || '(root)';

/**
 * Turns any supported raw payload into Signals, or says which field failed and why. Never throws:
 * callers quarantine failures with the reason so nothing is lost. A JSON string is parsed first.
 */
export function normalize(raw: unknown): NormalizeResult {
  let input = raw;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input) as unknown;
    } catch {
      return { ok: false, field: '(root)', reason: 'body is not valid JSON' };
    }
  }
  if (!isRecord(input)) return { ok: false, field: '(root)', reason: 'expected a JSON object' };
  const normalizer = NORMALIZERS.find((n) => safeMatch(n.matches, input));
  if (!normalizer) {
    if (typeof input['detail-type'] === 'string') {
      return { ok: false, field: 'detail-type', reason: `unsupported detail-type "${input['detail-type']}" from source "${String(input.source)}"`, source: String(input.source ?? '') || undefined } as NormalizeResult;
    }
    return { ok: false, field: '(root)', reason: 'unrecognised payload: not a CloudWatch/SNS/EventBridge event, an Alertmanager v4 webhook, a product signal or a generic webhook (id, title, resource, time)' };
  }
  const parsed = normalizer.schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: fieldOf(issue?.path ?? []), reason: issue?.message ?? 'invalid', source: normalizer.source };
  }
  let drafts;
  try {
    drafts = normalizer.toSignals(parsed.data);
  } catch (e) {
    // Fail closed: a mapping bug quarantines the event instead of dropping it.
    return { ok: false, field: '(root)', reason: `normalizer ${normalizer.id} failed: ${(e as Error).message}`, source: normalizer.source };
  }
  const signals: Signal[] = [];
  for (const [i, d] of drafts.entries()) {
    const checked = SignalSchema.safeParse({ ...d, id: signalId(d.source, d.sourceId) });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return { ok: false, field: `signals.${i}.${fieldOf(issue?.path ?? [])}`, reason: issue?.message ?? 'invalid', source: normalizer.source };
    }
    signals.push(checked.data);
  }
  return { ok: true, source: normalizer.source, signals };
}

function safeMatch(matches: (raw: Record<string, unknown>) => boolean, raw: Record<string, unknown>): boolean {
  try {
    return matches(raw);
  } catch {
    return false;
  }
}
