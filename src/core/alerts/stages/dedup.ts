import { stableHash } from '../../shared/hash.js';
import { worstSeverity, type Severity } from '../../shared/severity.js';
import type { Signal } from '../../events/signal.js';
import type { Alert } from '../alert.js';

/** Labels that describe an occurrence, not the thing alerting: they never split a fingerprint. */
const VOLATILE_LABELS = new Set(['alarmState', 'findingId', 'compliance', 'entity']);
const RECENT_IDS = 32;
const RECENT_CHANGES = 20;

/**
 * The stable identity of an alert: source, resource, metric/rule and the identifying labels the
 * source attached. Enrichment labels are added after, so inventory changes never split an alert.
 */
export function fingerprint(signal: Pick<Signal, 'source' | 'resourceArn' | 'metric' | 'rule' | 'labels'>): string {
  const keys = Object.keys(signal.labels).sort();
  let labels = '';
  for (const k of keys) if (!VOLATILE_LABELS.has(k)) labels += `${labels ? ',' : ''}${k}=${signal.labels[k]}`;
  const text = `${signal.source}|${signal.resourceArn}|${signal.metric ?? ''}|${signal.rule ?? ''}|${labels}`;
  // A storm repeats the same few thousand identities: hash each once.
  let fp = fingerprints.get(text);
  if (fp === undefined) {
    if (fingerprints.size >= FINGERPRINT_MEMO_MAX) fingerprints.clear();
    fingerprints.set(text, (fp = `alr-${stableHash(text)}`));
  }
  return fp;
}
const FINGERPRINT_MEMO_MAX = 100_000;
const fingerprints = new Map<string, string>();

export type AlertTransition = 'opened' | 'refired' | 'resolved' | 'updated' | 'duplicate' | 'stale' | 'ignored';

export interface DedupInput {
  signal: Signal;
  severity: Severity;
  /** Signal labels plus enrichment (service, environment, owner…). */
  labels: Record<string, string>;
  /** Processing time (ISO), for updatedAt. */
  now: string;
}

/** `[...list, item].slice(-max)` with one allocation (it runs for every signal of a storm). */
function appendBounded(list: readonly string[], item: string, max: number): string[] {
  const from = Math.max(0, list.length + 1 - max);
  const out = list.slice(from);
  out.push(item);
  return out;
}

const stateKeyOf = (s: Signal): string => `${s.time}|${s.state === 'resolved' ? 1 : 0}|${s.id}`;

/**
 * Folds one signal into its alert. Pure, idempotent (a signal already folded in changes nothing)
 * and order-independent: status follows the latest signal by event time, count is the number of
 * distinct firing signals, first/last seen are the min/max, severity the worst of the episode.
 * `info` signals (changes) never make an alert.
 */
export function applySignal(prev: Alert | undefined, input: DedupInput): { alert: Alert | undefined; transition: AlertTransition } {
  const { signal: s, severity, labels, now } = input;
  if (s.state === 'info') return { alert: prev, transition: 'ignored' };
  if (prev?.recentSignalIds?.includes(s.id)) return { alert: prev, transition: 'duplicate' };
  const firing = s.state === 'firing';
  const key = stateKeyOf(s);
  if (!prev) {
    const fp = fingerprint(s);
    const alert: Alert = {
      id: fp,
      fingerprint: fp,
      status: s.state === 'firing' ? 'firing' : 'resolved',
      severity,
      ...(s.level ? { level: s.level } : {}),
      source: s.source,
      kind: s.kind,
      title: s.title,
      resourceArn: s.resourceArn,
      ...(s.resourceType ? { resourceType: s.resourceType } : {}),
      ...(s.metric ? { metric: s.metric } : {}),
      ...(s.rule ? { rule: s.rule } : {}),
      ...(s.value !== undefined ? { value: s.value } : {}),
      ...(s.threshold !== undefined ? { threshold: s.threshold } : {}),
      labels,
      ...(labels.service ? { service: labels.service } : {}),
      ...(labels.environment ? { environment: labels.environment } : {}),
      count: firing ? 1 : 0,
      firstSeen: s.time,
      lastSeen: s.time,
      startsAt: s.time,
      ...(firing ? {} : { endsAt: s.time, lastResolvedAt: s.time }),
      lastSignalId: s.id,
      updatedAt: now,
      stateKey: key,
      recentSignalIds: [s.id],
      stateChanges: [s.time],
    };
    return { alert, transition: firing ? 'opened' : 'resolved' };
  }

  const newer = key > (prev.stateKey ?? '');
  const next: Alert = {
    ...prev,
    count: prev.count + (firing ? 1 : 0),
    firstSeen: s.time < prev.firstSeen ? s.time : prev.firstSeen,
    lastSeen: s.time > prev.lastSeen ? s.time : prev.lastSeen,
    recentSignalIds: appendBounded(prev.recentSignalIds ?? [], s.id, RECENT_IDS),
    updatedAt: now,
  };
  let transition: AlertTransition = newer ? 'updated' : 'stale';
  if (newer) {
    next.stateKey = key;
    next.lastSignalId = s.id;
    next.labels = { ...prev.labels, ...labels };
    if (labels.service) next.service = labels.service;
    if (labels.environment) next.environment = labels.environment;
    if (firing) {
      next.title = s.title;
      if (s.level) next.level = s.level;
      if (s.value !== undefined) next.value = s.value;
      if (s.threshold !== undefined) next.threshold = s.threshold;
    }
    if (firing && prev.status === 'resolved') {
      transition = 'refired';
      next.status = 'firing';
      next.startsAt = s.time;
      next.severity = severity;
      delete next.endsAt;
      delete next.mutedBy;
      next.stateChanges = [...(prev.stateChanges ?? []), s.time].slice(-RECENT_CHANGES);
    } else if (!firing && prev.status === 'firing') {
      transition = 'resolved';
      next.status = 'resolved';
      next.endsAt = s.time;
      next.lastResolvedAt = s.time;
      next.stateChanges = [...(prev.stateChanges ?? []), s.time].slice(-RECENT_CHANGES);
    }
  } else if (!firing && (!prev.lastResolvedAt || s.time > prev.lastResolvedAt)) {
    next.lastResolvedAt = s.time;
  }
  // A firing signal belongs to the current episode unless it predates the last resolution.
  if (firing && next.status === 'firing' && transition !== 'refired') {
    if (!prev.lastResolvedAt || s.time > prev.lastResolvedAt) {
      next.severity = worstSeverity(prev.severity, severity);
      if (s.time < next.startsAt) next.startsAt = s.time;
    }
  }
  return { alert: next, transition };
}
