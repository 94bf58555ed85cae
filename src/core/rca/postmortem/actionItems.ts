import type { Execution } from '../../remediation/execution.js';
import type { Incident } from '../../incidents/incident.js';
import type { CauseKind } from '../taxonomy.js';
import type { RcaReport } from '../report.js';
import { arnName } from '../topology.js';

export type ActionPriority = 'P1' | 'P2' | 'P3';

/** A follow-up from a post-mortem, tracked as a GitHub issue labelled `incident-action-item`. */
export interface ActionItem {
  id: string;
  title: string;
  detail: string;
  priority: ActionPriority;
  /** Days from the post-mortem to complete it. */
  dueDays: number;
  owner?: string;
  /** What data suggested it (cause kind, failed execution, slow acknowledgment…). */
  source: string;
}

/** What to do about each kind of root cause (data; `{r}` is the resource). */
export const CAUSE_ACTIONS: Record<CauseKind, { title: string; detail: string }[]> = {
  deployment: [
    { title: 'Add automatic rollback on error-rate alarms for {r} deployments', detail: 'Shift traffic gradually (canary/linear) and roll back when the error alarm fires.' },
    { title: 'Add a regression test for the failure introduced in {r}', detail: 'Reproduce the new error template from the RCA evidence in a test.' },
  ],
  capacity: [{ title: 'Review scaling policy and headroom for {r}', detail: 'Scale out earlier (target tracking) or raise the maximum; load-test the new limit.' }],
  'dependency-failure': [{ title: 'Harden calls from the service to {r}', detail: 'Timeouts, retries with backoff and jitter, a circuit breaker, and a graceful fallback.' }],
  configuration: [{ title: 'Validate configuration changes to {r} before rollout', detail: 'Schema-check parameters and environment, and deploy config changes like code (staged, reversible).' }],
  security: [{ title: 'Review the IAM / network change process for {r}', detail: 'Peer review and policy simulation before permission or security-group changes.' }],
  throttling: [{ title: 'Raise limits or add backoff for {r}', detail: 'Request a quota increase or switch to on-demand capacity; add exponential backoff with jitter.' }],
  'resource-exhaustion': [{ title: 'Right-size memory/disk for {r} and alarm before exhaustion', detail: 'Alarm at 80 % utilisation and fix the growth (leak, log rotation, retention).' }],
};

const fmtMin = (ms: number): string => `${Math.round(ms / 60_000)} min`;

/** Action items the data supports; a human edits, assigns and adds to them. */
export function deriveActionItems(incident: Incident, rca: RcaReport | undefined, executions: readonly Execution[], timings: { mttaMs?: number; mttdMs?: number }, responseTargetMinutes?: number): ActionItem[] {
  const items: ActionItem[] = [];
  const add = (i: Omit<ActionItem, 'id'>): void => {
    items.push({ id: `${incident.id}-ai-${items.length + 1}`, ...i });
  };
  const top = rca?.causes[0];
  if (top) {
    const r = arnName(top.resourceArn ?? incident.resourceArns[0] ?? incident.service ?? 'the service');
    for (const a of CAUSE_ACTIONS[top.kind]) add({ title: a.title.replace('{r}', r), detail: `${a.detail} Probable cause: ${top.title} (confidence ${Math.round(top.confidence * 100)} %).`, priority: incident.severity === 'SEV-1' ? 'P1' : 'P2', dueDays: 14, source: `cause:${top.kind}` });
  }
  for (const e of executions) {
    if (e.outcome === 'FAILURE' || e.status === 'FAILED' || e.status === 'ROLLED_BACK') add({ title: `Fix runbook ${e.runbookId}: it ${e.status === 'ROLLED_BACK' ? 'was rolled back' : 'failed'} on ${arnName(e.targetResource)}`, detail: `Execution ${e.id}${e.reason ? `: ${e.reason}` : ''}.`, priority: 'P2', dueDays: 14, source: `execution:${e.id}` });
  }
  if (responseTargetMinutes !== undefined && timings.mttaMs !== undefined && timings.mttaMs > responseTargetMinutes * 60_000) add({ title: `Review paging for ${incident.service ?? 'the service'}: acknowledged after ${fmtMin(timings.mttaMs)} (target ${responseTargetMinutes} min)`, detail: 'Check the on-call schedule, escalation policy and notification routing.', priority: 'P2', dueDays: 7, source: 'mtta' });
  if (timings.mttdMs !== undefined && timings.mttdMs > 10 * 60_000) add({ title: `Detect ${incident.service ?? 'this'} failures sooner: detection took ${fmtMin(timings.mttdMs)}`, detail: 'Add or tighten an alarm (or anomaly detector) on the first symptom in the timeline.', priority: 'P3', dueDays: 30, source: 'mttd' });
  add({ title: `Complete the post-mortem of ${incident.id}`, detail: 'Confirm the root cause, fill in impact and lessons, assign owners to every action item.', priority: 'P1', dueDays: 2, source: 'process' });
  return items;
}

/** A GitHub REST "create an issue" body (`POST /repos/{owner}/{repo}/issues`). */
export interface GithubIssuePayload {
  title: string;
  body: string;
  labels: string[];
  assignees?: string[];
}

export const ACTION_ITEM_LABEL = 'incident-action-item';

/** Action items as GitHub issue payloads labelled `incident-action-item` (no network: the caller pipes them to `gh`). */
export function actionItemIssues(incident: Pick<Incident, 'id' | 'severity' | 'service' | 'title'>, items: readonly ActionItem[], postmortemLink?: string): GithubIssuePayload[] {
  return items.map((i) => {
    const body = [
      i.detail,
      '',
      `- Incident: ${incident.id} (${incident.severity}) — ${incident.title}`,
      ...(incident.service ? [`- Service: ${incident.service}`] : []),
      `- Priority: ${i.priority}, due within ${i.dueDays} days`,
      `- Source: ${i.source}`,
      ...(postmortemLink ? [`- Post-mortem: ${postmortemLink}`] : []),
      '',
      `<!-- aiops-action-item:${i.id} -->`,
    ].join('\n');
    const payload: GithubIssuePayload = { title: i.title, body, labels: [ACTION_ITEM_LABEL, incident.severity.toLowerCase(), i.priority.toLowerCase(), ...(incident.service ? [`service:${incident.service}`] : [])] };
    if (i.owner) payload.assignees = [i.owner];
    return payload;
  });
}

const shq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A shell script of `gh issue create` commands for the payloads (the user runs it; labels must exist). */
export function ghIssueCommands(payloads: readonly GithubIssuePayload[], repo?: string): string {
  const lines = ['#!/bin/sh', 'set -e'];
  for (const p of payloads) {
    const labels = p.labels.map((l) => `--label ${shq(l)}`).join(' ');
    const assignees = (p.assignees ?? []).map((a) => `--assignee ${shq(a)}`).join(' ');
    lines.push(['gh issue create', repo ? `--repo ${shq(repo)}` : '', `--title ${shq(p.title)}`, `--body ${shq(p.body)}`, labels, assignees].filter(Boolean).join(' '));
  }
  return `${lines.join('\n')}\n`;
}
