import type { Incident } from '../../incidents/incident.js';
import { timings } from '../../incidents/lifecycle.js';
import type { AuditRecord } from '../../remediation/audit.js';
import type { Execution } from '../../remediation/execution.js';
import { SEVERITY_LEVELS } from '../../shared/severity.js';
import type { RcaReport } from '../report.js';
import { arnName } from '../topology.js';
import { deriveActionItems, type ActionItem } from './actionItems.js';
import { postmortemDueAt } from './deadlines.js';
import { POSTMORTEM_TEMPLATE, renderTemplate } from './template.js';

/** Error budget an SLO burned during the incident (from the SLO tracker). */
export interface SloBurn {
  sloId: string;
  name?: string;
  /** Share of the window's error budget consumed by the incident, in percent. */
  budgetConsumedPct: number;
}

export interface PostmortemInputs {
  audit: readonly AuditRecord[];
  executions: readonly Execution[];
  rca?: RcaReport;
  sloBurn?: readonly SloBurn[];
}

export interface DraftOptions {
  nowMs: number;
  /** Template text (default: the embedded copy of docs/post-mortems/_template.md). */
  template?: string;
  dueHours?: number;
  authors?: string;
}

export interface PostmortemDraft {
  markdown: string;
  actionItems: ActionItem[];
  dueAt: string;
  mttdMs?: number;
  mttaMs?: number;
  mttrMs?: number;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const iso = (ms: number): string => new Date(ms).toISOString();
const dur = (ms: number | undefined): string => {
  if (ms === undefined) return 'unknown';
  const m = Math.round(ms / 60_000);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
};
const DRAFT = '_(draft)_';

/**
 * A post-mortem draft from what the platform recorded: the incident's timeline, the audit log,
 * executions, RCA and SLO burn. Facts are stated as facts; judgements (what went well/badly, the
 * root cause) are marked draft for a human to confirm. Pure.
 */
export function buildPostmortemDraft(incident: Incident, inputs: PostmortemInputs, options: DraftOptions): PostmortemDraft {
  const { rca } = inputs;
  const t = timings(incident);
  const openedMs = Date.parse(incident.openedAt);
  const impactStart = rca && rca.windows.anchorMs < openedMs ? rca.windows.anchorMs : undefined;
  const mttdMs = impactStart !== undefined ? openedMs - impactStart : undefined;
  const dueAt = postmortemDueAt(incident.resolvedAt ?? iso(options.nowMs), options.dueHours);
  const level = SEVERITY_LEVELS[incident.severity];
  const executions = inputs.executions.filter((e) => !e.incidentId || e.incidentId === incident.id);
  const execIds = new Set(executions.map((e) => e.id));
  const audit = inputs.audit.filter((a) => execIds.has(a.executionId) || incident.resourceArns.includes(a.targetResource));
  const top = rca?.causes[0];
  const actionItems = deriveActionItems(incident, rca, executions, { ...(t.mttaMs !== undefined ? { mttaMs: t.mttaMs } : {}), ...(mttdMs !== undefined ? { mttdMs } : {}) }, level.initialResponseMinutes);

  const summary = [
    `${incident.title}: a ${incident.severity} (${level.name}) incident on ${incident.service ?? 'an unnamed service'}${incident.environment ? ` in ${incident.environment}` : ''}, open for ${dur(t.mttrMs)}${incident.resolvedBy ? `, resolved by ${incident.resolvedBy}` : ''}.`,
    top ? `${DRAFT} Probable cause: ${top.title} (confidence ${Math.round(top.confidence * 100)} %).` : `${DRAFT} No probable cause was identified automatically.`,
  ].join(' ');

  const impact = [
    `- Duration: ${dur(t.mttrMs)} (from ${incident.openedAt} to ${incident.resolvedAt ?? 'unresolved'})${impactStart !== undefined ? `; impact began about ${dur(openedMs - impactStart)} before detection` : ''}.`,
    `- Affected services: ${incident.service ?? 'unknown'}; resources: ${incident.resourceArns.map((a) => `\`${arnName(a)}\``).join(', ') || 'none recorded'}.`,
    `- Customer impact class: ${level.customerImpact} (${incident.severity}).`,
    `- Alerts grouped: ${incident.alertIds.length}.`,
    ...(inputs.sloBurn && inputs.sloBurn.length > 0 ? inputs.sloBurn.map((s) => `- SLO ${s.name ?? s.sloId}: ${s.budgetConsumedPct.toFixed(1)} % of the error budget burned.`) : ['- SLO budget burned: no SLO data recorded for this incident.']),
  ].join('\n');

  const detected = incident.timeline.find((e) => e.kind === 'phase' && e.phase === 'Detection');
  const detection = [
    `- How: ${detected?.message ?? 'detected by the platform'} (${incident.alertIds.length} alert${incident.alertIds.length === 1 ? '' : 's'}, group \`${incident.groupKey}\`).`,
    `- MTTD (impact start → detection): ${dur(mttdMs)}${mttdMs === undefined ? ' (no impact start known)' : ''}.`,
    `- MTTA (detection → acknowledgment): ${dur(t.mttaMs)}${level.initialResponseMinutes !== undefined ? ` (target ${level.initialResponseMinutes} min)` : ''}${incident.acknowledgedBy ? `, by ${incident.acknowledgedBy}` : ''}.`,
    `- MTTR (detection → resolution): ${dur(t.mttrMs)}.`,
  ].join('\n');

  type Row = { at: string; event: string; actor: string };
  const rows: Row[] = incident.timeline.map((e) => ({ at: e.at, event: `${e.kind}${e.phase ? ` (${e.phase})` : ''}: ${e.message}`, actor: e.actor }));
  for (const a of audit) rows.push({ at: a.timestamp, event: `audit: ${a.runbook} ${a.action} on ${arnName(a.targetResource)} → ${a.outcome}`, actor: a.operator });
  for (const c of rca?.changes.slice(0, 3) ?? []) rows.push({ at: c.change.time, event: `change: ${c.change.eventName} on ${arnName(c.change.resourceArn)}`, actor: c.change.principal });
  if (impactStart !== undefined) rows.push({ at: iso(impactStart), event: 'impact: first anomaly on the affected resources', actor: 'automated' });
  rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const timeline = ['| Time (UTC) | Event | Actor |', '|---|---|---|', ...rows.map((r) => `| ${r.at} | ${cell(r.event)} | ${cell(r.actor)} |`)].join('\n');

  const rootCause = rca
    ? [
        `${DRAFT} ${rca.summary}`,
        '',
        ...rca.causes.slice(0, 3).flatMap((c) => [`${c.rank}. **${c.title}** — ${c.kind}, confidence ${Math.round(c.confidence * 100)} %`, ...c.evidence.slice(0, 3).map((e) => `   - [${e.type}](${e.link}) ${e.summary}`)]),
      ].join('\n')
    : `${DRAFT} No RCA report was recorded for this incident.`;

  const remediation =
    executions.length > 0
      ? ['| Runbook | Target | Status | Outcome | Operator | Started | Ended |', '|---|---|---|---|---|---|---|', ...executions.map((e) => `| ${e.runbookId} | ${cell(arnName(e.targetResource))} | ${e.status}${e.dryRun ? ' (dry run)' : ''} | ${e.outcome ?? '-'} | ${cell(e.operator)} | ${e.startedAt} | ${e.endedAt ?? '-'} |`)].join('\n')
      : audit.length > 0
        ? audit.map((a) => `- ${a.timestamp}: ${a.runbook} ${a.action} → ${a.outcome} (${a.operator}; rollback: ${a.rollbackPlan})`).join('\n')
        : '- No automated remediation ran; the incident was resolved manually.';

  const well: string[] = [];
  const badly: string[] = [];
  if (mttdMs !== undefined) (mttdMs <= 5 * 60_000 ? well : badly).push(`Detection took ${dur(mttdMs)} after impact began.`);
  if (t.mttaMs !== undefined && level.initialResponseMinutes !== undefined) (t.mttaMs <= level.initialResponseMinutes * 60_000 ? well : badly).push(`Acknowledged in ${dur(t.mttaMs)} against a ${level.initialResponseMinutes} min target.`);
  for (const e of executions) {
    if (e.outcome === 'SUCCESS') well.push(`Runbook ${e.runbookId} succeeded on ${arnName(e.targetResource)}${e.operator !== 'automated' ? ` (approved by ${e.operator})` : ' automatically'}.`);
    else if (e.outcome === 'FAILURE' || e.status === 'FAILED' || e.status === 'ROLLED_BACK') badly.push(`Runbook ${e.runbookId} ${e.status === 'ROLLED_BACK' ? 'was rolled back' : 'failed'} on ${arnName(e.targetResource)}${e.reason ? `: ${e.reason}` : ''}.`);
  }
  if (executions.length === 0) badly.push('No automated remediation applied to this incident.');
  if (top && top.confidence >= 0.7) well.push(`RCA pointed at a probable cause with ${Math.round(top.confidence * 100)} % confidence.`);
  if (rca?.escalation) badly.push(`Critical log patterns appeared (${rca.escalation.reasons.length}): ${cell(rca.escalation.reasons[0] ?? '')}.`);
  for (const s of inputs.sloBurn ?? []) if (s.budgetConsumedPct >= 10) badly.push(`SLO ${s.name ?? s.sloId} burned ${s.budgetConsumedPct.toFixed(1)} % of its error budget.`);
  const bullets = (xs: string[], none: string): string => (xs.length > 0 ? xs.map((x) => `- ${DRAFT} ${x}`).join('\n') : `- ${DRAFT} ${none}`);

  const actions = ['| # | Action | Priority | Due | Owner | Source |', '|---|---|---|---|---|---|', ...actionItems.map((a, i) => `| ${i + 1} | ${cell(a.title)} | ${a.priority} | ${iso(options.nowMs + a.dueDays * 86_400_000).slice(0, 10)} | ${a.owner ?? 'TBD'} | ${a.source} |`), '', 'Export them as GitHub issues labelled `incident-action-item` with `aiops postmortem export`.'].join('\n');

  const markdown = renderTemplate(options.template ?? POSTMORTEM_TEMPLATE, {
    title: incident.title,
    status: 'DRAFT',
    generatedAt: iso(options.nowMs),
    dueAt,
    incidentId: incident.id,
    severity: `${incident.severity} (${level.name})`,
    service: incident.service ?? 'unknown',
    environment: incident.environment ?? 'unknown',
    openedAt: incident.openedAt,
    resolvedAt: incident.resolvedAt ?? 'unresolved',
    duration: dur(t.mttrMs),
    authors: options.authors ?? 'TBD',
    summary,
    impact,
    detection,
    timeline,
    rootCause,
    remediation,
    wentWell: bullets(well, 'Nothing recorded supports a statement here yet.'),
    wentBadly: bullets(badly, 'Nothing recorded supports a statement here yet.'),
    actionItems: actions,
  });
  const out: PostmortemDraft = { markdown, actionItems, dueAt };
  if (mttdMs !== undefined) out.mttdMs = mttdMs;
  if (t.mttaMs !== undefined) out.mttaMs = t.mttaMs;
  if (t.mttrMs !== undefined) out.mttrMs = t.mttrMs;
  return out;
}
