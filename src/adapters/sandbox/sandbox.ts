import { stableHash } from '../../core/shared/hash.js';
import { ValidationError } from '../../core/shared/errors.js';
import { parseOrThrow } from '../../core/shared/zod.js';
import type { ChangeEvent, ResourceRecord } from '../../ports/cloud.js';
import type { Clock } from '../../ports/clock.js';
import { metricKey, type MetricId } from '../../ports/metrics.js';
import { alarmsFor, breaches, type AlarmDef } from './alarm-catalog.js';
import { buildRawEvent } from './faults/events.js';
import { FaultSpecSchema, type FaultSpec, type FaultSpecInput, type LogFault } from './faults/schema.js';
import { aggregate, applyOverlays, baseline, clampValue, type MetricOverlay } from './generator.js';
import { defaultFleet } from './fleet.js';
import { metricsFor, type SandboxMetricDef } from './metric-catalog.js';
import { deepMerge, SandboxCloud } from './sandbox-cloud.js';
import { SandboxLogs } from './sandbox-logs.js';
import { SandboxMetrics } from './sandbox-metrics.js';

const MINUTE = 60_000;
/** After a long pause, evaluate at most this much missed time (keeps a restart from replaying days). */
const MAX_CATCH_UP_MS = 60 * MINUTE;
const TIMELINE_CAP = 1000;

export type AlarmStateValue = 'OK' | 'ALARM';

export interface SandboxTimelineItem {
  at: string;
  kind: 'fault' | 'alarm' | 'event' | 'action' | 'revert';
  message: string;
  data?: Record<string, unknown>;
}

interface StatePatch {
  at: number;
  arn: string;
  patch: Record<string, unknown>;
}

interface PendingFault {
  at: number;
  fault: FaultSpec;
  id: string;
}

export interface AppliedLogFault extends LogFault {
  id: string;
  resourceArn: string;
  startMs: number;
  endMs: number;
}

/** Everything needed to resume the simulated account after a restart. */
export interface SandboxSnapshot {
  version: 1;
  seed: number;
  initial: ResourceRecord[];
  patches: StatePatch[];
  overlays: MetricOverlay[];
  logFaults: AppliedLogFault[];
  pending: PendingFault[];
  alarmStates: Record<string, AlarmStateValue>;
  lastEvaluated: number;
  timeline: SandboxTimelineItem[];
  changes: ChangeEvent[];
  faultCounter: number;
}

export interface SandboxOptions {
  clock: Clock;
  seed?: number;
  fleet?: ResourceRecord[];
  restore?: SandboxSnapshot;
}

export type RawEventListener = (raw: Record<string, unknown>) => Promise<void> | void;

/**
 * A simulated AWS account on the platform's clock. Metrics are a pure function of (seed, metric,
 * minute) plus injected faults plus the resource state at that minute, so history is reproducible
 * and remediation actions (which change state) visibly change the metrics after they happen.
 * CloudWatch alarms from the threshold table are evaluated every minute and emit the documented
 * "CloudWatch Alarm State Change" events to listeners (the ingestion path).
 */
export class Sandbox {
  readonly seed: number;
  readonly cloud: SandboxCloud;
  readonly metrics: SandboxMetrics;
  readonly logs: SandboxLogs;
  private readonly clock: Clock;
  private s: SandboxSnapshot;
  private defs: SandboxMetricDef[] = [];
  private defsByKey = new Map<string, SandboxMetricDef>();
  private alarmDefs: AlarmDef[] = [];
  private readonly listeners = new Set<RawEventListener>();
  private readonly changeListeners = new Set<() => void>();

  constructor(opts: SandboxOptions) {
    this.clock = opts.clock;
    const now = opts.clock.now();
    this.s = opts.restore ?? {
      version: 1,
      seed: opts.seed ?? 42,
      initial: structuredClone(opts.fleet ?? defaultFleet()),
      patches: [],
      overlays: [],
      logFaults: [],
      pending: [],
      alarmStates: {},
      lastEvaluated: Math.floor(now / MINUTE) * MINUTE,
      timeline: [],
      changes: [],
      faultCounter: 0,
    };
    this.seed = this.s.seed;
    this.rebuildDefinitions();
    this.cloud = new SandboxCloud(this);
    this.metrics = new SandboxMetrics(this);
    this.logs = new SandboxLogs(this);
  }

  now(): number {
    return this.clock.now();
  }

  // ── inventory and state ────────────────────────────────────────────────────────────────────

  /** Resources with their state as of `at` (default: now). */
  resources(at = this.clock.now()): ResourceRecord[] {
    return this.s.initial.map((r) => ({ ...r, state: this.stateAt(r.arn, at) }));
  }

  resolve(ref: string): ResourceRecord {
    const r = this.s.initial.find((x) => x.arn === ref || x.id === ref || x.name === ref);
    if (!r) throw new ValidationError('resource', `no sandbox resource named "${ref}"`);
    return { ...r, state: this.stateAt(r.arn, this.clock.now()) };
  }

  initialState(arn: string): Record<string, unknown> {
    return this.s.initial.find((r) => r.arn === arn)?.state ?? {};
  }

  stateAt(arn: string, at: number): Record<string, unknown> {
    let state = structuredClone(this.initialState(arn));
    for (const p of this.s.patches) if (p.arn === arn && p.at <= at) state = deepMerge(state, p.patch);
    return state;
  }

  /** Records a state change now (remediation actions and state faults go through here). */
  patchState(arn: string, patch: Record<string, unknown>, change?: Omit<ChangeEvent, 'time' | 'resourceArn'>): void {
    const at = this.clock.now();
    this.s.patches.push({ at, arn, patch: structuredClone(patch) });
    if (change) this.s.changes.unshift({ ...change, time: new Date(at).toISOString(), resourceArn: arn });
    if (this.s.changes.length > TIMELINE_CAP) this.s.changes.length = TIMELINE_CAP;
    this.changed();
  }

  changesFor(arn: string, sinceIso: string): ChangeEvent[] {
    return this.s.changes.filter((c) => c.resourceArn === arn && c.time >= sinceIso);
  }

  // ── metrics ────────────────────────────────────────────────────────────────────────────────

  metricDefs(): readonly SandboxMetricDef[] {
    return this.defs;
  }

  findMetric(id: MetricId): SandboxMetricDef | undefined {
    return this.defsByKey.get(metricKey(id));
  }

  /** The value CloudWatch would hold for the minute starting at `t` (NaN = no datapoint). */
  valueAt(def: SandboxMetricDef, t: number): number {
    const key = metricKey(def.id);
    const overlays = this.s.overlays.filter((o) => o.resourceArn === def.resourceArn && o.metricName === def.id.metricName);
    const demand = applyOverlays(baseline(def, key, t, this.seed), overlays, t, key);
    if (Number.isNaN(demand)) return demand;
    if (def.derive) return clampValue(def, def.derive(demand, (name) => this.siblingAt(def, name, t)));
    const v = def.effect ? def.effect(demand, this.stateAt(def.resourceArn, t), this.initialState(def.resourceArn), (arn) => this.stateAt(arn, t)) : demand;
    return clampValue(def, v);
  }

  /** Another metric of the same resource at minute `t` (NaN when the resource has no such metric). */
  private siblingAt(def: SandboxMetricDef, metricName: string, t: number): number {
    const sibling = this.findMetric({ ...def.id, metricName });
    return sibling && sibling.resourceArn === def.resourceArn ? this.valueAt(sibling, t) : Number.NaN;
  }

  /** One datapoint over [t, t + periodMs) with CloudWatch statistic semantics. */
  datapoint(def: SandboxMetricDef, t: number, periodMs: number, stat = def.stat): number {
    const values: number[] = [];
    for (let m = t; m < t + periodMs; m += MINUTE) values.push(this.valueAt(def, m));
    return aggregate(values, stat);
  }

  // ── alarms ─────────────────────────────────────────────────────────────────────────────────

  alarms(): { def: AlarmDef; state: AlarmStateValue }[] {
    return this.alarmDefs.map((def) => ({ def, state: this.s.alarmStates[def.name] ?? 'OK' }));
  }

  onRawEvent(listener: RawEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Advances the simulated account to the clock's time: applies due faults, evaluates alarms at
   * every minute boundary passed, and delivers the resulting raw events (awaiting each listener,
   * so an event is accepted before the next one is produced).
   */
  async tick(): Promise<number> {
    const now = this.clock.now();
    let emitted = 0;
    emitted += await this.applyDueFaults(now);
    const lastMinute = Math.floor(now / MINUTE) * MINUTE;
    let m = Math.max(this.s.lastEvaluated + MINUTE, lastMinute - MAX_CATCH_UP_MS);
    for (; m <= lastMinute; m += MINUTE) {
      for (const a of this.alarmDefs) {
        if (m % (a.period * 1000) !== 0) continue;
        const next = this.evaluateAlarm(a, m);
        const prev = this.s.alarmStates[a.name] ?? 'OK';
        if (next === prev) continue;
        this.s.alarmStates[a.name] = next;
        this.record('alarm', `${a.name}: ${prev} → ${next}`, { alarm: a.name, state: next });
        await this.emit(this.alarmEvent(a, prev, next, m));
        emitted++;
      }
      this.s.lastEvaluated = m;
    }
    if (emitted > 0) this.changed();
    return emitted;
  }

  private evaluateAlarm(a: AlarmDef, m: number): AlarmStateValue {
    const def = this.findMetric(a.metric);
    if (!def) return 'OK';
    const periodMs = a.period * 1000;
    let breaching = 0;
    for (let k = 1; k <= a.evaluationPeriods; k++) {
      const v = this.datapoint(def, m - k * periodMs, periodMs, a.stat);
      // TreatMissingData = notBreaching, as for most operational alarms.
      if (!Number.isNaN(v) && breaches(v, a)) breaching++;
    }
    return breaching >= a.datapointsToAlarm ? 'ALARM' : 'OK';
  }

  private alarmEvent(a: AlarmDef, prev: AlarmStateValue, next: AlarmStateValue, m: number): Record<string, unknown> {
    const r = this.s.initial.find((x) => x.arn === a.resourceArn)!;
    const time = new Date(m).toISOString();
    const def = this.findMetric(a.metric);
    const latest = def ? this.datapoint(def, m - a.period * 1000, a.period * 1000, a.stat) : Number.NaN;
    return {
      version: '0',
      id: stableHash(`${a.name}:${m}:${next}`),
      'detail-type': 'CloudWatch Alarm State Change',
      source: 'aws.cloudwatch',
      account: r.account,
      time,
      region: r.region,
      resources: [`arn:aws:cloudwatch:${r.region}:${r.account}:alarm:${a.name}`],
      detail: {
        alarmName: a.name,
        state: {
          value: next,
          reason: next === 'ALARM' ? `Threshold Crossed: ${a.datapointsToAlarm} datapoint(s) were ${a.comparison} (${a.threshold}).` : `Threshold Crossed: datapoints were not ${a.comparison} (${a.threshold}).`,
          reasonData: JSON.stringify({ version: '1.0', queryDate: time, statistic: a.stat, period: a.period, recentDatapoints: [latest], threshold: a.threshold, evaluatedDatapoints: [{ timestamp: time, value: latest }] }),
          timestamp: time,
        },
        previousState: { value: prev, timestamp: time },
        configuration: {
          description: a.description,
          metrics: [{ id: 'm1', metricStat: { metric: { namespace: a.metric.namespace, name: a.metric.metricName, dimensions: a.metric.dimensions }, period: a.period, stat: a.stat }, returnData: true }],
        },
      },
    };
  }

  // ── faults ─────────────────────────────────────────────────────────────────────────────────

  /** Validates and schedules fault primitives; returns their ids. Bad input names the failing field. */
  async inject(faults: readonly FaultSpecInput[], source = 'operator'): Promise<string[]> {
    if (!Array.isArray(faults) || faults.length === 0) throw new ValidationError('faults', 'give at least one fault');
    const parsed = faults.map((f, i) => parseOrThrow(FaultSpecSchema, f, `faults.${i}`));
    parsed.forEach((f, i) => {
      try {
        this.resolve(f.resource);
      } catch {
        throw new ValidationError(`faults.${i}.resource`, `no sandbox resource named "${f.resource}"`);
      }
      if (f.type === 'metric') {
        const r = this.resolve(f.resource);
        if (!this.defs.some((d) => d.resourceArn === r.arn && d.id.metricName === f.metric)) {
          const names = this.defs.filter((d) => d.resourceArn === r.arn).map((d) => d.id.metricName);
          throw new ValidationError(`faults.${i}.metric`, `${r.name} has no metric "${f.metric}" (has: ${names.join(', ') || 'none'})`);
        }
      }
    });
    const now = this.clock.now();
    const ids: string[] = [];
    for (const fault of parsed) {
      const id = `fault-${++this.s.faultCounter}`;
      ids.push(id);
      this.s.pending.push({ at: now + fault.startInMinutes * MINUTE, fault, id });
      this.record('fault', `${source} scheduled ${describeFault(fault)}`, { id, fault });
    }
    await this.applyDueFaults(now);
    this.changed();
    return ids;
  }

  private async applyDueFaults(now: number): Promise<number> {
    const due = this.s.pending.filter((p) => p.at <= now).sort((a, b) => a.at - b.at);
    if (due.length === 0) return 0;
    this.s.pending = this.s.pending.filter((p) => p.at > now);
    let emitted = 0;
    for (const { at, fault, id } of due) {
      const r = this.resolve(fault.resource);
      switch (fault.type) {
        case 'metric':
          this.s.overlays.push({ id, resourceArn: r.arn, metricName: fault.metric, pattern: fault.pattern, magnitude: fault.magnitude, startMs: at, endMs: at + fault.durationMinutes * MINUTE });
          break;
        case 'state': {
          const before = Object.fromEntries(Object.keys(fault.set).map((k) => [k, r.state[k] ?? null]));
          this.patchState(r.arn, fault.set, { eventName: fault.eventName ?? 'SandboxStateChange', eventSource: 'sandbox.aiops', principal: fault.principal ?? 'sandbox-fault-injector', params: fault.set });
          if (fault.revertAfterMinutes) this.s.pending.push({ at: at + fault.revertAfterMinutes * MINUTE, id: `${id}-revert`, fault: { ...fault, set: before, startInMinutes: 0, revertAfterMinutes: undefined } });
          break;
        }
        case 'event':
          await this.emit(buildRawEvent(fault, r, new Date(at).toISOString(), `${this.seed}:${id}`));
          emitted++;
          break;
        case 'logs':
          this.s.logFaults.push({ ...fault, id, resourceArn: r.arn, startMs: at, endMs: at + fault.durationMinutes * MINUTE });
          break;
      }
      this.record('fault', `applied ${describeFault(fault)}`, { id });
    }
    return emitted;
  }

  logFaults(): readonly AppliedLogFault[] {
    return this.s.logFaults;
  }

  /** Ends every active metric and log fault now and drops scheduled ones (state faults stay: they are the world's state). */
  clearFaults(): void {
    const now = this.clock.now();
    for (const o of this.s.overlays) o.endMs = Math.min(o.endMs, now);
    for (const l of this.s.logFaults) l.endMs = Math.min(l.endMs, now);
    this.s.pending = this.s.pending.filter((p) => p.fault.type === 'state' && p.id.endsWith('-revert'));
    this.record('fault', 'cleared active faults');
    this.changed();
  }

  // ── timeline, persistence ──────────────────────────────────────────────────────────────────

  record(kind: SandboxTimelineItem['kind'], message: string, data?: Record<string, unknown>): void {
    this.s.timeline.unshift({ at: new Date(this.clock.now()).toISOString(), kind, message, ...(data ? { data } : {}) });
    if (this.s.timeline.length > TIMELINE_CAP) this.s.timeline.length = TIMELINE_CAP;
  }

  timeline(limit = 100): SandboxTimelineItem[] {
    return this.s.timeline.slice(0, limit);
  }

  snapshot(): SandboxSnapshot {
    return structuredClone(this.s);
  }

  private async emit(raw: Record<string, unknown>): Promise<void> {
    this.record('event', `${String(raw['detail-type'])} from ${String(raw.source)}`, { id: raw.id });
    for (const l of [...this.listeners]) await l(raw);
  }

  private changed(): void {
    for (const l of [...this.changeListeners]) l();
  }

  private rebuildDefinitions(): void {
    this.defs = this.s.initial.flatMap((r) => metricsFor(r, this.s.initial));
    this.defsByKey = new Map(this.defs.map((d) => [metricKey(d.id), d]));
    this.alarmDefs = this.s.initial.flatMap((r) => alarmsFor(r, (name) => this.defs.find((d) => d.resourceArn === r.arn && d.id.metricName === name)?.id));
  }
}

export function describeFault(f: FaultSpec): string {
  switch (f.type) {
    case 'metric':
      return `${f.pattern} ${f.magnitude} on ${f.resource} ${f.metric} for ${f.durationMinutes} min`;
    case 'state':
      return `state change on ${f.resource}: ${JSON.stringify(f.set)}`;
    case 'event':
      return `${f.event} event on ${f.resource}`;
    case 'logs':
      return `${f.ratePerMinute}/min ${f.level} logs "${f.template}" on ${f.resource} for ${f.durationMinutes} min`;
  }
}
