import type { Incident } from '../../core/incidents/incident.js';
import { advanceAtLeast } from '../../core/incidents/lifecycle.js';
import { actionItemIssues, ghIssueCommands, type ActionItem, type GithubIssuePayload } from '../../core/rca/postmortem/actionItems.js';
import { deadlineStatus, type DeadlineStatus } from '../../core/rca/postmortem/deadlines.js';
import { buildPostmortemDraft, type PostmortemInputs, type SloBurn } from '../../core/rca/postmortem/draft.js';
import { responseMetrics, type Bucket, type ResponseMetricsRow } from '../../core/rca/postmortem/metrics.js';
import type { RcaReport } from '../../core/rca/report.js';
import type { Execution } from '../../core/remediation/execution.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/shared/errors.js';
import type { Severity } from '../../core/shared/severity.js';
import type { Clock } from '../../ports/clock.js';
import type { Store } from '../../ports/store.js';
import type { RcaReportDoc } from './analysis.js';

export type PostmortemStatus = 'draft' | 'in-review' | 'published';

/** A post-mortem as stored in the `postmortems` collection. */
export interface PostmortemDoc {
  id: string;
  incidentId: string;
  status: PostmortemStatus;
  severity: Severity;
  service?: string;
  title: string;
  createdAt: string;
  dueAt: string;
  markdown: string;
  actionItems: ActionItem[];
  /** Reminder times (ISO, as scheduled) already sent: reminding is idempotent. */
  remindersSent: string[];
  publishedAt?: string;
  updatedAt: string;
  editedBy?: string;
  version?: number;
}

export interface PostmortemOptions {
  /** Severities that require a post-mortem (default SEV-1 and SEV-2). */
  requiredFor?: readonly Severity[];
  dueHours?: number;
  /** Template text (default: the embedded copy of docs/post-mortems/_template.md). */
  template?: string;
}

export interface Reminder {
  postmortemId: string;
  incidentId: string;
  at: string;
  status: DeadlineStatus;
  message: string;
}

export function createPostmortems(deps: { store: Store; clock: Clock }, options: PostmortemOptions = {}) {
  const col = () => deps.store.collection<PostmortemDoc>('postmortems');
  const requiredFor = options.requiredFor ?? ['SEV-1', 'SEV-2'];
  const draftOpts = (): { nowMs: number; template?: string; dueHours?: number } => ({ nowMs: deps.clock.now(), ...(options.template ? { template: options.template } : {}), ...(options.dueHours ? { dueHours: options.dueHours } : {}) });

  /** Markdown draft for an incident from the given records (nothing stored). */
  function draftPostmortem(incident: Incident, inputs: { audit: PostmortemInputs['audit']; executions: readonly Execution[]; rca?: RcaReport; sloBurn?: readonly SloBurn[] }): string {
    return buildPostmortemDraft(incident, inputs, draftOpts()).markdown;
  }

  /** Gathers executions, audit records and the latest RCA report of an incident from the store. */
  async function gather(incident: Incident): Promise<PostmortemInputs> {
    const executions = await deps.store.collection<Execution & { id: string }>('executions').find({ where: { incidentId: incident.id } });
    const audit = (await Promise.all(executions.map((e) => deps.store.audit.list({ executionId: e.id })))).flat();
    const reports = await deps.store.collection<RcaReportDoc>('reports').find({ where: { kind: 'rca' }, order: 'desc' });
    const rca = reports.find((r) => r.incidentId === incident.id)?.report;
    return { audit, executions, ...(rca ? { rca } : {}) };
  }

  /**
   * On resolution: creates the draft for incidents whose severity requires one (idempotent: an
   * existing post-mortem is returned untouched, so human edits are never overwritten).
   */
  async function onIncidentResolved(incident: Incident, extra: { sloBurn?: readonly SloBurn[]; inputs?: PostmortemInputs } = {}): Promise<PostmortemDoc | undefined> {
    if (incident.status !== 'resolved' || !requiredFor.includes(incident.severity)) return undefined;
    const id = `pm-${incident.id}`;
    const existing = await col().get(id);
    if (existing) return existing;
    const inputs = extra.inputs ?? (await gather(incident));
    const draft = buildPostmortemDraft(incident, { ...inputs, ...(extra.sloBurn ? { sloBurn: extra.sloBurn } : {}) }, draftOpts());
    const now = new Date(deps.clock.now()).toISOString();
    const doc: PostmortemDoc = { id, incidentId: incident.id, status: 'draft', severity: incident.severity, ...(incident.service ? { service: incident.service } : {}), title: incident.title, createdAt: now, dueAt: draft.dueAt, markdown: draft.markdown, actionItems: draft.actionItems, remindersSent: [], updatedAt: now, version: 1 };
    if (!(await col().create(doc))) return (await col().get(id)) as PostmortemDoc;
    // The incident enters its last lifecycle phase when its post-mortem starts.
    const incidents = deps.store.collection<Incident>('incidents');
    if (await incidents.get(incident.id)) await incidents.update(incident.id, (inc) => advanceAtLeast(inc, 'Post-Mortem', now, 'automated', `Post-mortem draft ${id} created, due ${doc.dueAt}`));
    return doc;
  }

  async function get(id: string): Promise<PostmortemDoc> {
    const d = await col().get(id);
    if (!d) throw new NotFoundError('postmortem', id);
    return d;
  }

  async function list(filter: { status?: PostmortemStatus; incidentId?: string } = {}): Promise<PostmortemDoc[]> {
    const where: Record<string, string> = {};
    if (filter.status) where.status = filter.status;
    if (filter.incidentId) where.incidentId = filter.incidentId;
    return col().find({ where, order: 'desc' });
  }

  /** Saves an edit from the console; a published post-mortem is frozen. */
  async function edit(id: string, change: { markdown?: string; actionItems?: ActionItem[]; status?: Exclude<PostmortemStatus, 'published'> }, editor: string): Promise<PostmortemDoc> {
    if (change.markdown !== undefined && change.markdown.trim() === '') throw new ValidationError('markdown', 'must not be empty');
    return col().update(id, (d) => {
      if (d.status === 'published') throw new ConflictError(`postmortem ${id} is published and can no longer be edited`);
      return { ...d, ...(change.markdown !== undefined ? { markdown: change.markdown } : {}), ...(change.actionItems ? { actionItems: change.actionItems } : {}), ...(change.status ? { status: change.status } : {}), editedBy: editor, updatedAt: new Date(deps.clock.now()).toISOString() };
    });
  }

  async function publish(id: string, by: string): Promise<PostmortemDoc> {
    const at = new Date(deps.clock.now()).toISOString();
    return col().update(id, (d) => (d.status === 'published' ? d : { ...d, status: 'published', markdown: d.markdown.replace(/\*\*DRAFT\*\*/, '**PUBLISHED**'), publishedAt: at, editedBy: by, updatedAt: at }));
  }

  /** Reminders due now for unpublished post-mortems (call on a schedule; record with `markReminded`). */
  async function reminders(): Promise<Reminder[]> {
    const now = deps.clock.now();
    const out: Reminder[] = [];
    for (const d of await col().find({})) {
      const st = deadlineStatus(d, now);
      for (const at of st.remindersDue) {
        const h = Math.round(Math.abs(st.remainingMs) / 3_600_000);
        out.push({ postmortemId: d.id, incidentId: d.incidentId, at, status: st, message: st.state === 'overdue' ? `Post-mortem for ${d.incidentId} (${d.severity}) is overdue by ${h} h (due ${d.dueAt}).` : `Post-mortem for ${d.incidentId} (${d.severity}) is due in ${h} h (${d.dueAt}).` });
      }
    }
    return out;
  }

  async function markReminded(id: string, at: string): Promise<PostmortemDoc> {
    return col().update(id, (d) => (d.remindersSent.includes(at) ? d : { ...d, remindersSent: [...d.remindersSent, at] }));
  }

  /** Action items as GitHub issue payloads plus a `gh issue create` script; no network. */
  async function exportActionItems(id: string, repo?: string): Promise<{ payloads: GithubIssuePayload[]; script: string }> {
    const d = await get(id);
    const payloads = actionItemIssues({ id: d.incidentId, severity: d.severity, title: d.title, ...(d.service ? { service: d.service } : {}) }, d.actionItems, `/postmortems/${d.id}`);
    return { payloads, script: ghIssueCommands(payloads, repo) };
  }

  /** MTTA/MTTD/MTTR per service and severity over time, from stored incidents. */
  async function responseReport(filter: { since?: string; until?: string; bucket?: Bucket } = {}): Promise<ResponseMetricsRow[]> {
    const incidents = await deps.store.collection<Incident>('incidents').find({ ...(filter.since ? { since: filter.since } : {}), ...(filter.until ? { until: filter.until } : {}) });
    return responseMetrics(incidents, filter.bucket ? { bucket: filter.bucket } : {});
  }

  return { draftPostmortem, onIncidentResolved, get, list, edit, publish, reminders, markReminded, exportActionItems, responseReport };
}
