import { useState } from 'react';
import { api, getToken, type Alert, type Approval, type AuditRecord, type Execution } from '../api';
import { Card, ErrorLine, fmtTime, Link, shortArn, StatusBadge } from '../components/common';
import { useLive } from '../live';
import { AlertsTable } from './Overview';
import { type Column, DataTable } from '../components/DataTable';

export function ApprovalsPage() {
  const { data, error, reload } = useLive(() => api<{ items: Approval[] }>('/approvals'));
  const [msg, setMsg] = useState<string>();
  const [comment, setComment] = useState('');
  const decide = async (id: string, verb: 'approve' | 'reject') => {
    try {
      await api(`/approvals/${id}/${verb}`, { method: 'POST', body: comment ? { comment } : {} });
      setMsg(`${verb}d ${id}`);
      reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <div className="page">
      <Card title="Approvals">
        <ErrorLine error={error} />
        {msg && (
          <p className="hint" data-testid="approval-result">
            {msg}
          </p>
        )}
        <input placeholder="comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} />
        <table data-testid="approvals-table">
          <thead>
            <tr>
              <th>Runbook</th>
              <th>Target</th>
              <th>Why</th>
              <th>Plan</th>
              <th>Status</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data?.items.map((a) => (
              <tr key={a.id}>
                <td>{a.runbookId}</td>
                <td>{shortArn(a.targetResource)}</td>
                <td>{a.reason}</td>
                <td className="mono">{a.plan.map((c) => `${c.call} ${JSON.stringify(c.params)}`).join('; ')}</td>
                <td>
                  <StatusBadge status={a.status} /> {a.decidedBy ? `by ${a.decidedBy}` : ''}
                </td>
                <td>{fmtTime(a.expiresAt)}</td>
                <td>
                  {a.status === 'pending' && (
                    <span className="actions">
                      <button data-testid={`approve-${a.id}`} onClick={() => void decide(a.id, 'approve')} disabled={!getToken()}>
                        Approve
                      </button>
                      <button data-testid={`reject-${a.id}`} onClick={() => void decide(a.id, 'reject')} disabled={!getToken()}>
                        Reject
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

export function ExecutionsPage() {
  const { data, error } = useLive(() => api<{ items: Execution[] }>('/executions'));
  return (
    <div className="page">
      <Card title="Executions">
        <ErrorLine error={error} />
        <DataTable columns={EXECUTION_COLUMNS} rows={data?.items} rowKey={(e) => e.id} />
      </Card>
    </div>
  );
}

const EXECUTION_COLUMNS: Column<Execution>[] = [
  {
    header: 'Runbook',
    cell: (e) => (
      <>
        <Link to={`/executions/${e.id}`}>{e.runbookId}</Link> {e.dryRun ? <span className="badge">dry-run</span> : null}
      </>
    ),
  },
  { header: 'Target', cell: (e) => shortArn(e.targetResource) },
  { header: 'Status', cell: (e) => <StatusBadge status={e.status} /> },
  { header: 'Outcome', cell: (e) => e.outcome },
  { header: 'Started', cell: (e) => fmtTime(e.startedAt) },
  { header: 'Ended', cell: (e) => fmtTime(e.endedAt) },
  { header: 'Reason', cell: (e) => e.reason },
];

export function ExecutionPage({ id }: { id: string }) {
  const { data, error } = useLive(() => api<Execution & { audit: AuditRecord[] }>(`/executions/${id}`), [id]);
  if (!data) return <div className="page">{error ? <ErrorLine error={error} /> : 'Loading…'}</div>;
  return (
    <div className="page">
      <Card title={`${data.runbookId} on ${shortArn(data.targetResource)}`}>
        <p>
          <StatusBadge status={data.status} /> {data.outcome} {data.reason ? `— ${data.reason}` : ''}
        </p>
        <p className="states" data-testid="states-visited">
          {data.statesVisited.join(' → ')}
        </p>
        <h3>Plan</h3>
        <pre className="mono">{JSON.stringify(data.plan ?? [], null, 2)}</pre>
        {data.incidentId && <Link to={`/incidents/${data.incidentId}`}>incident</Link>}
      </Card>
      <Card title="Audit records">
        <AuditTable records={data.audit} />
      </Card>
    </div>
  );
}

const AUDIT_COLUMNS: Column<AuditRecord>[] = [
  { header: '#', cell: (r) => r.seq },
  { header: 'Time', cell: (r) => fmtTime(r.timestamp) },
  { header: 'Runbook', cell: (r) => r.runbook },
  { header: 'Target', cell: (r) => shortArn(r.targetResource) },
  { header: 'Action', cell: (r) => r.action },
  { header: 'Outcome', cell: (r) => <StatusBadge status={r.outcome} /> },
  { header: 'Operator', cell: (r) => r.operator },
  { header: 'Trigger', cell: (r) => r.trigger },
  { header: 'Rollback plan', cell: (r) => r.rollbackPlan },
];

export function AuditTable({ records }: { records: AuditRecord[] }) {
  return <DataTable testId="audit-table" columns={AUDIT_COLUMNS} rows={records} rowKey={(r) => String(r.seq)} />;
}

export function AuditPage() {
  const [outcome, setOutcome] = useState('');
  const { data, error } = useLive(
    () => api<{ items: AuditRecord[] }>(`/audit?limit=500${outcome ? `&outcome=${outcome}` : ''}`),
    [outcome],
  );
  const verify = useLive(() => api<{ ok: boolean; checked: number; reason?: string }>('/audit/verify'), [], 10);
  return (
    <div className="page">
      <Card
        title="AutomationAuditLog"
        actions={
          <span className="actions">
            <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
              <option value="">all outcomes</option>
              <option>SUCCESS</option>
              <option>FAILURE</option>
              <option>SKIPPED</option>
            </select>
            <a href="/api/v1/audit/export?format=csv">CSV</a> <a href="/api/v1/audit/export?format=jsonl">JSON lines</a>
          </span>
        }
      >
        <p data-testid="audit-verify">
          {verify.data
            ? verify.data.ok
              ? `Hash chain intact (${verify.data.checked} records)`
              : `Hash chain BROKEN: ${verify.data.reason}`
            : ''}
        </p>
        <ErrorLine error={error} />
        <AuditTable records={data?.items ?? []} />
      </Card>
    </div>
  );
}

interface QuarantineEntry {
  id: string;
  field: string;
  reason: string;
  receivedAt: string;
  source?: string;
}

const QUARANTINE_COLUMNS: Column<QuarantineEntry>[] = [
  { header: 'Received', cell: (q) => fmtTime(q.receivedAt) },
  { header: 'Source', cell: (q) => q.source },
  { header: 'Field', cell: (q) => q.field, className: 'mono' },
  { header: 'Reason', cell: (q) => q.reason },
];

export function AlertsPage() {
  const [status, setStatus] = useState('firing');
  const { data, error } = useLive(() => api<{ items: Alert[] }>(`/alerts?limit=500${status ? `&status=${status}` : ''}`), [status]);
  const quarantine = useLive(() => api<{ items: QuarantineEntry[] }>('/quarantine'), [], 10);
  return (
    <div className="page">
      <Card
        title="Alerts"
        actions={
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="firing">firing</option>
            <option value="resolved">resolved</option>
            <option value="">all</option>
          </select>
        }
      >
        <ErrorLine error={error} />
        <AlertsTable alerts={data?.items ?? []} />
      </Card>
      <Card title="Quarantine (rejected inputs, kept with the reason)">
        <DataTable columns={QUARANTINE_COLUMNS} rows={quarantine.data?.items} rowKey={(q) => q.id} />
      </Card>
    </div>
  );
}
