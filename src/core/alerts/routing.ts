import { z } from 'zod';
import { SEVERITIES } from '../shared/severity.js';
import { DurationSchema } from './duration.js';
import { matchAll, MatcherSchema, type Matcher } from './matchers.js';

const HHMM = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM');
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Alertmanager-style time interval: weekdays (ranges like `monday:friday`) and times of day, in a time zone. */
export const TimeIntervalSchema = z.object({
  name: z.string().min(1),
  timezone: z.string().default('UTC'),
  weekdays: z
    .array(z.string().refine((d) => d.split(':').every((x) => WEEKDAYS.includes(x.toLowerCase())), 'must be a weekday or a range like monday:friday'))
    .default([]),
  times: z.array(z.object({ start: HHMM, end: HHMM })).default([]),
});
export type TimeInterval = z.infer<typeof TimeIntervalSchema>;

export interface RouteInput {
  receiver?: string;
  matchers?: string[];
  continue?: boolean;
  groupBy?: string[];
  groupWait?: string | number;
  groupInterval?: string | number;
  repeatInterval?: string | number;
  activeTimeIntervals?: string[];
  muteTimeIntervals?: string[];
  escalation?: { after: string | number; receiver: string; severities?: string[] };
  routes?: RouteInput[];
}

const EscalationSchema = z.object({ after: DurationSchema, receiver: z.string().min(1), severities: z.array(z.enum(SEVERITIES)).default(['SEV-1']) });

interface RouteParsed {
  receiver?: string;
  matchers: Matcher[];
  continue: boolean;
  groupBy?: string[];
  groupWait?: number;
  groupInterval?: number;
  repeatInterval?: number;
  activeTimeIntervals: string[];
  muteTimeIntervals: string[];
  escalation?: z.infer<typeof EscalationSchema>;
  routes: RouteParsed[];
}

export const RouteSchema: z.ZodType<RouteParsed, RouteInput> = z.lazy(() =>
  z.object({
    receiver: z.string().min(1).optional(),
    matchers: z.array(MatcherSchema).default([]),
    continue: z.boolean().default(false),
    groupBy: z.array(z.string()).optional(),
    groupWait: DurationSchema.optional(),
    groupInterval: DurationSchema.optional(),
    repeatInterval: DurationSchema.optional(),
    activeTimeIntervals: z.array(z.string()).default([]),
    muteTimeIntervals: z.array(z.string()).default([]),
    escalation: EscalationSchema.optional(),
    routes: z.array(RouteSchema).default([]),
  }),
) as z.ZodType<RouteParsed, RouteInput>;
export type Route = RouteParsed;

/** One receiver a notification goes to, with the timing inherited down the tree. */
export interface RouteMatch {
  receiver: string;
  groupBy: string[];
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  escalation?: { after: number; receiver: string; severities: string[] };
  /** Index path in the tree, e.g. `0.2` (stable id for the notification log). */
  path: string;
  /** True when a mute/active time interval says "not now". */
  mutedByTime: boolean;
}

export interface RouteDefaults {
  groupBy: string[];
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
}

function weekdayIndex(name: string): number {
  return WEEKDAYS.indexOf(name.toLowerCase());
}

/** Whether `at` falls in the interval (weekday and time-of-day in its time zone). */
export function inTimeInterval(iv: TimeInterval, at: string): boolean {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: iv.timezone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  const day = weekdayIndex(get('weekday'));
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  const dayOk =
    !iv.weekdays.length ||
    iv.weekdays.some((w) => {
      const [a, b] = w.split(':');
      const from = weekdayIndex(a as string);
      const to = weekdayIndex(b ?? (a as string));
      return from <= to ? day >= from && day <= to : day >= from || day <= to;
    });
  const toMin = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const timeOk = !iv.times.length || iv.times.some((t) => minutes >= toMin(t.start) && minutes < toMin(t.end));
  return dayOk && timeOk;
}

/**
 * Alertmanager routing: the root always matches; at each matching node the children are tried in
 * order, the first match wins unless it sets `continue`; a node with no matching child is itself
 * the match. Timing and receiver are inherited from the parent when a child leaves them unset.
 */
export function routeLabels(labels: Record<string, string>, root: Route, defaults: RouteDefaults, intervals: readonly TimeInterval[], at: string): RouteMatch[] {
  const byName = new Map(intervals.map((i) => [i.name, i]));
  const out: RouteMatch[] = [];
  const walk = (node: Route, inherited: RouteMatch, path: string): boolean => {
    if (path !== '0' && !matchAll(node.matchers, labels)) return false;
    const here: RouteMatch = {
      receiver: node.receiver ?? inherited.receiver,
      groupBy: node.groupBy ?? inherited.groupBy,
      groupWait: node.groupWait ?? inherited.groupWait,
      groupInterval: node.groupInterval ?? inherited.groupInterval,
      repeatInterval: node.repeatInterval ?? inherited.repeatInterval,
      ...(node.escalation ? { escalation: node.escalation } : inherited.escalation ? { escalation: inherited.escalation } : {}),
      path,
      mutedByTime: inherited.mutedByTime || node.muteTimeIntervals.some((n) => byName.has(n) && inTimeInterval(byName.get(n) as TimeInterval, at)) || (node.activeTimeIntervals.length > 0 && !node.activeTimeIntervals.some((n) => byName.has(n) && inTimeInterval(byName.get(n) as TimeInterval, at))),
    };
    let matchedChild = false;
    for (const [i, child] of node.routes.entries()) {
      if (walk(child, here, `${path}.${i}`)) {
        matchedChild = true;
        if (!child.continue) break;
      }
    }
    if (!matchedChild) out.push(here);
    return true;
  };
  walk(root, { receiver: root.receiver ?? 'default', ...defaults, path: '0', mutedByTime: false }, '0');
  return out;
}

/** Every receiver name the tree refers to (for config checks). */
export function receiversIn(root: Route): string[] {
  const out = new Set<string>();
  const walk = (r: Route): void => {
    if (r.receiver) out.add(r.receiver);
    if (r.escalation) out.add(r.escalation.receiver);
    r.routes.forEach(walk);
  };
  walk(root);
  return [...out];
}

export function timeIntervalsIn(root: Route): string[] {
  const out = new Set<string>();
  const walk = (r: Route): void => {
    for (const n of [...r.activeTimeIntervals, ...r.muteTimeIntervals]) out.add(n);
    r.routes.forEach(walk);
  };
  walk(root);
  return [...out];
}
