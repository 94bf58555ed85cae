import { z } from 'zod';
import type { Alert } from './alert.js';

/**
 * Alertmanager-style label matchers: `name="value"`, `name!="value"`, `name=~"regex"`,
 * `name!~"regex"`. Regexes are anchored, as in Alertmanager. They match an alert's labels plus
 * `severity`, `source`, `kind`, `status`, `alertname` (the rule) and `resource` (its ARN).
 */
export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
  /** Compiled, for regex ops. */
  re?: RegExp;
}

const MATCHER_RE = /^\s*([a-zA-Z_][a-zA-Z0-9_.]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s,]*))\s*$/;

/** Parses one matcher; throws an Error naming what is wrong (used by the zod schema). */
export function parseMatcher(text: string): Matcher {
  const m = MATCHER_RE.exec(text);
  if (!m) throw new Error(`"${text}" is not a matcher like service="checkout" or severity=~"SEV-[12]"`);
  const op = m[2] as MatchOp;
  const value = (m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[4] ?? m[5])) ?? '';
  const matcher: Matcher = { name: m[1] as string, op, value };
  if (op === '=~' || op === '!~') {
    try {
      matcher.re = new RegExp(`^(?:${value})$`);
    } catch (e) {
      throw new Error(`"${text}": invalid regex: ${(e as Error).message}`);
    }
  }
  return matcher;
}

/** A matcher field: a string to parse, or an object {name, op, value}. */
export const MatcherSchema = z
  .union([z.string(), z.object({ name: z.string().min(1), op: z.enum(['=', '!=', '=~', '!~']).default('='), value: z.string() })])
  .transform((v, ctx) => {
    try {
      return typeof v === 'string' ? parseMatcher(v) : parseMatcher(`${v.name}${v.op}${JSON.stringify(v.value)}`);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });

export function matchOne(m: Matcher, labels: Record<string, string>): boolean {
  const v = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return (m.re as RegExp).test(v);
    case '!~':
      return !(m.re as RegExp).test(v);
  }
}

/** All matchers must match (an empty list matches everything). */
export function matchAll(matchers: readonly Matcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => matchOne(m, labels));
}

const labelSets = new WeakMap<object, Record<string, string>>();

/** The label set matchers see for an alert (memoised per alert object: alerts are replaced, never mutated). */
export function alertLabelSet(alert: Pick<Alert, 'labels' | 'severity' | 'source' | 'kind' | 'status' | 'rule' | 'resourceArn'>): Record<string, string> {
  let set = labelSets.get(alert);
  if (!set) labelSets.set(alert, (set = { alertname: alert.rule ?? '', ...alert.labels, severity: alert.severity, source: alert.source, kind: alert.kind, status: alert.status, resource: alert.resourceArn }));
  return set;
}
