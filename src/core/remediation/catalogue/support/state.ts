import type { ActionCall, ResourceRecord } from '../../../../ports/cloud.js';
import type { Eligibility, RunbookContext } from '../../runbook.js';

/**
 * Small readers over `ResourceRecord.state`. State comes from the sandbox or from AWS describe
 * calls, so every read is defensive: a missing or mistyped field yields `undefined` and the
 * entry's eligibility fails closed instead of planning on a guess.
 */
export function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function str(obj: unknown, path: string): string | undefined {
  const v = at(obj, path);
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function num(obj: unknown, path: string): number | undefined {
  const v = at(obj, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(obj: unknown, path: string): boolean | undefined {
  const v = at(obj, path);
  return typeof v === 'boolean' ? v : undefined;
}

export function eligible(reason: string): Eligibility {
  return { eligible: true, reason };
}

export function notEligible(reason: string): Eligibility {
  return { eligible: false, reason };
}

/** One call on the context's resource: every plan in the catalogue targets only that resource. */
export function callOn(resource: ResourceRecord, call: string, params: Record<string, unknown>, description?: string): ActionCall {
  return description === undefined ? { call, target: resource.arn, params } : { call, target: resource.arn, params, description };
}

/** `now` for time-based eligibility: the alert's last sighting or the diagnostics' `now` (ISO), never the wall clock. */
export function contextNowMs(ctx: RunbookContext): number | undefined {
  const candidates = [str(ctx.diagnostics, 'now'), ctx.alert?.lastSeen];
  for (const c of candidates) {
    if (c === undefined) continue;
    const ms = Date.parse(c);
    if (!Number.isNaN(ms)) return ms;
  }
  return undefined;
}

export function ageDays(isoOrMs: unknown, nowMs: number): number | undefined {
  const ms = typeof isoOrMs === 'number' ? isoOrMs : typeof isoOrMs === 'string' ? Date.parse(isoOrMs) : Number.NaN;
  if (Number.isNaN(ms)) return undefined;
  return (nowMs - ms) / 86_400_000;
}

/** Environment names that count as production (the approval rules and non-prod-only tasks use it). */
export function isProd(environment: string): boolean {
  return /^prod(uction)?$/i.test(environment);
}

/** A positive integer scaled by a factor and rounded up, capped; used by every capacity runbook. */
export function scaleUp(current: number, factor: number, cap: number): number {
  return Math.min(cap, Math.max(current + 1, Math.ceil(current * factor)));
}
