import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cumulate } from '../../core/slo/burn/math.js';
import { windowLabel } from '../../core/slo/burn/windows.js';
import { budgetExhaustedSignal, burnSeverity, burnSignal } from '../../core/slo/signals.js';
import { sliEventSeries } from '../../core/slo/sli/events.js';
import { sliQueryPlan } from '../../core/slo/sli/queries.js';
import type { SloDefinition } from '../../core/slo/spec/model.js';
import type { SpecSource } from '../../core/slo/spec/parse.js';
import { loadSloDefinitions } from '../../core/slo/spec/resolve.js';
import { alignDown, evaluationRange, sloStatusAtTime } from '../../core/slo/status.js';
import { NotFoundError } from '../../core/shared/errors.js';
import { createSliEventReader, type QueryMemo } from './eventReader.js';
import type { SloEvaluation, SloHistoryPoint, SloServiceDeps, StoredSlo } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

export type SloService = ReturnType<typeof createSloService>;

/**
 * SLO use cases: load OpenSLO specs, evaluate error budgets and burn rates on the Metrics port,
 * emit burn-rate Signals on transitions, apply the budget policy, backfill history.
 *
 * @example
 * const slo = createSloService({ metrics, store, clock, emit: (s) => ingestSignals([s]) });
 * await slo.loadSpecs('slos');
 * const statuses = await slo.evaluate();
 * if (await slo.isRemediationFrozen('checkout')) { ...ask a human... }
 */
export function createSloService(deps: SloServiceDeps) {
  const slos = deps.store.collection<StoredSlo>('slos');
  const history = deps.store.collection<SloHistoryPoint>('sloHistory');
  const defaults = { ...(deps.preset ? { preset: deps.preset } : {}), ...(deps.policy ? { policy: deps.policy } : {}) };

  async function readSources(input: string | Array<string | SpecSource>): Promise<SpecSource[]> {
    if (typeof input !== 'string') return input.map((t, i) => (typeof t === 'string' ? { name: `spec-${i + 1}`, text: t } : t));
    const files = (await readdir(input)).filter((f) => /\.ya?ml$/.test(f)).sort();
    return Promise.all(files.map(async (f) => ({ name: f, text: await readFile(join(input, f), 'utf8') })));
  }

  /** Validates spec files (a directory of *.yaml) or texts and stores every SLO; alert state of known SLOs is kept. */
  async function loadSpecs(input: string | Array<string | SpecSource>): Promise<SloDefinition[]> {
    const definitions = loadSloDefinitions(await readSources(input), defaults);
    const updatedAt = iso(deps.clock.now());
    for (const definition of definitions) {
      const fresh: StoredSlo = { id: definition.id, service: definition.service, updatedAt, definition, firing: {}, remediationFrozen: false };
      if (!(await slos.create(fresh))) await slos.update(definition.id, (cur) => ({ ...cur, service: definition.service, updatedAt, definition }));
    }
    return definitions;
  }

  async function list(): Promise<StoredSlo[]> {
    return (await slos.find()).sort((a, b) => a.id.localeCompare(b.id));
  }

  async function get(sloId: string): Promise<StoredSlo> {
    const doc = await slos.get(sloId);
    if (!doc) throw new NotFoundError('SLO', sloId);
    return doc;
  }

  // Evaluations read incrementally (only the minutes since the last one); backfills read in full.
  const reader = createSliEventReader(deps.metrics, deps.settleMs !== undefined ? { settleMs: deps.settleMs } : {});

  async function readEvents(slo: SloDefinition, startMs: number, endMs: number) {
    const plan = sliQueryPlan(slo);
    const series = await deps.metrics.getMetricData(plan.queries, startMs, endMs);
    return cumulate(sliEventSeries(slo, plan, series, startMs, endMs));
  }

  function unknown(doc: StoredSlo, at: string, error: string): SloEvaluation {
    const last = doc.last;
    return {
      sloId: doc.id,
      service: doc.service,
      at,
      state: 'unknown',
      error,
      target: doc.definition.target,
      sli: last?.sli ?? null,
      errorRatio: last?.errorRatio ?? 0,
      budgetRemaining: last?.budgetRemaining ?? 1,
      burnRates: last?.burnRates ?? {},
      timeToExhaustionMs: last?.timeToExhaustionMs ?? null,
      alerts: last?.alerts ?? [],
      firing: Object.keys(doc.firing),
      remediationFrozen: doc.remediationFrozen,
    };
  }

  async function evaluateOne(doc: StoredSlo, nowMs: number, emit: boolean, memo: QueryMemo): Promise<SloEvaluation> {
    const slo = doc.definition;
    const range = evaluationRange(slo, nowMs);
    const at = iso(range.endMs);
    let status;
    try {
      status = sloStatusAtTime(slo, await reader.read(slo, range.startMs, range.endMs, memo), range.endMs);
    } catch (e) {
      // Fail closed: an unreadable SLI is reported, and alerts already firing stay firing.
      const result = unknown(doc, at, e instanceof Error ? e.message : String(e));
      if (emit) await slos.update(doc.id, (cur) => ({ ...cur, last: result }));
      return result;
    }
    const exhausted = status.events.total > 0 && status.budgetRemaining <= 0;
    const frozen = exhausted && slo.policy.freezeRemediations;
    const alerts = status.rules.map((r) => ({
      rule: r.rule.name,
      severity: r.rule.severity,
      incidentSeverity: burnSeverity(slo, r.rule.severity, exhausted),
      factor: r.rule.factor,
      longWindow: windowLabel(r.rule.longWindowMs),
      shortWindow: windowLabel(r.rule.shortWindowMs),
      longBurn: r.longBurn,
      shortBurn: r.shortBurn,
      firing: r.firing,
    }));
    const firing: StoredSlo['firing'] = {};
    for (const [i, r] of status.rules.entries()) {
      const alert = alerts[i] as (typeof alerts)[number];
      const before = doc.firing[r.rule.name];
      if (r.firing) {
        firing[r.rule.name] = { since: before?.since ?? at, incidentSeverity: alert.incidentSeverity };
        // New alerts, and alerts whose severity the budget policy changed, go (again) to the pipeline.
        if (emit && (!before || before.incidentSeverity !== alert.incidentSeverity)) {
          await deps.emit(burnSignal({ slo, state: r, signalState: 'firing', severity: alert.incidentSeverity, budgetRemaining: status.budgetRemaining, since: before?.since ?? at, at }));
        }
      } else if (before && emit) {
        await deps.emit(burnSignal({ slo, state: r, signalState: 'resolved', severity: before.incidentSeverity, budgetRemaining: status.budgetRemaining, since: before.since, at }));
      }
    }
    const exhaustedSince = exhausted ? (doc.exhaustedSince ?? at) : undefined;
    if (emit && slo.policy.notifyOwner && exhausted && !doc.exhaustedSince) {
      await deps.emit(budgetExhaustedSignal({ slo, signalState: 'firing', budgetRemaining: status.budgetRemaining, since: at, at, frozen }));
    } else if (emit && slo.policy.notifyOwner && !exhausted && doc.exhaustedSince) {
      await deps.emit(budgetExhaustedSignal({ slo, signalState: 'resolved', budgetRemaining: status.budgetRemaining, since: doc.exhaustedSince, at, frozen: false }));
    }
    const result: SloEvaluation = {
      sloId: slo.id,
      service: slo.service,
      at,
      state: exhausted ? 'exhausted' : Object.keys(firing).length > 0 ? 'burning' : 'ok',
      target: slo.target,
      sli: status.sli,
      errorRatio: status.errorRatio,
      budgetRemaining: status.budgetRemaining,
      burnRates: status.burnRates,
      timeToExhaustionMs: Number.isFinite(status.timeToExhaustionMs) ? status.timeToExhaustionMs : null,
      alerts,
      firing: Object.keys(firing),
      remediationFrozen: frozen,
    };
    if (emit) {
      await slos.update(doc.id, (cur) => {
        const next: StoredSlo = { ...cur, firing, remediationFrozen: frozen, last: result };
        if (exhaustedSince) next.exhaustedSince = exhaustedSince;
        else delete next.exhaustedSince;
        return next;
      });
      // One history point per history step (and on every alert change), not one per evaluation.
      const historyStep = deps.historyStepMs ?? HOUR;
      const lastAt = doc.last ? Date.parse(doc.last.at) : -Infinity;
      const changed = (doc.last?.firing ?? []).join() !== result.firing.join();
      if (changed || Math.floor(range.endMs / historyStep) !== Math.floor(lastAt / historyStep)) await history.put(historyPoint(slo.id, result, status.events));
    }
    return result;
  }

  /**
   * Evaluates every stored SLO (or those of `options.sloIds`) at `now` (default: the clock), emits
   * burn-rate Signals on transitions and records a history point. `options.dryRun` only computes.
   */
  async function evaluate(now?: number, options: { sloIds?: string[]; dryRun?: boolean } = {}): Promise<SloEvaluation[]> {
    const nowMs = now ?? deps.clock.now();
    const docs = (await list()).filter((d) => !options.sloIds || options.sloIds.includes(d.id));
    const out: SloEvaluation[] = [];
    // Metric reads of this tick, shared by the SLOs that read the same metric over the same minutes.
    const memo: QueryMemo = new Map();
    for (const doc of docs) out.push(await evaluateOne(doc, nowMs, !options.dryRun, memo));
    return out;
  }

  /**
   * Evaluates an SLO over the past `days` from one metrics read and stores a history point every
   * `historyStepMs` (idempotent: the same instants overwrite the same points). Emits nothing.
   */
  async function backfill(sloId: string, days = 30): Promise<{ sloId: string; points: number; from: string; to: string }> {
    const doc = await get(sloId);
    const slo = doc.definition;
    const step = Math.max(slo.stepMs, deps.historyStepMs ?? HOUR);
    const endMs = alignDown(deps.clock.now(), step);
    const firstMs = endMs - days * DAY;
    const range = evaluationRange(slo, endMs, endMs - firstMs);
    const cum = await readEvents(slo, range.startMs, range.endMs);
    let points = 0;
    for (let t = firstMs + step; t <= endMs; t += step) {
      const s = sloStatusAtTime(slo, cum, t);
      const point: SloHistoryPoint = {
        id: `${slo.id}@${iso(t)}`,
        sloId: slo.id,
        at: iso(t),
        sli: s.sli,
        budgetRemaining: s.budgetRemaining,
        burnRates: s.burnRates,
        firing: s.rules.filter((r) => r.firing).map((r) => r.rule.name),
        good: s.events.good,
        total: s.events.total,
      };
      await history.put(point);
      points++;
    }
    return { sloId, points, from: iso(firstMs + step), to: iso(endMs) };
  }

  /** Budget-burn history of an SLO, oldest first. */
  async function historyOf(sloId: string, range: { since?: string; until?: string; limit?: number } = {}): Promise<SloHistoryPoint[]> {
    return history.find({ where: { sloId }, order: 'asc', ...range });
  }

  /**
   * True while any SLO of the service has spent its budget under a policy that freezes risky
   * automated remediations (the remediation engine then asks for approval instead).
   */
  async function isRemediationFrozen(service: string): Promise<boolean> {
    const docs = await slos.find({ where: { service } });
    return docs.some((d) => d.remediationFrozen);
  }

  /** Removes an SLO (its history stays, as the record of what was burnt). */
  async function remove(sloId: string): Promise<void> {
    await get(sloId);
    await slos.delete(sloId);
    reader.forget(sloId);
  }

  return { loadSpecs, list, get, remove, evaluate, backfill, history: historyOf, isRemediationFrozen };
}

function historyPoint(sloId: string, e: SloEvaluation, events: { good: number; total: number }): SloHistoryPoint {
  return { id: `${sloId}@${e.at}`, sloId, at: e.at, sli: e.sli, budgetRemaining: e.budgetRemaining, burnRates: e.burnRates, firing: e.firing, good: events.good, total: events.total };
}
