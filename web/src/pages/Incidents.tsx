import { useState } from 'react';
import { api, getToken, type Incident } from '../api';
import { Card, ErrorLine, fmtDuration, fmtTime, Link, SeverityBadge, shortArn, StatusBadge } from '../components/common';
import { useLive } from '../live';
import { AlertsTable } from './Overview';
import { RcaPanel } from '../components/RcaPanel';
import { type Column, DataTable, StatusFilter } from '../components/DataTable';

export function IncidentsPage() {
  const [status, setStatus] = useState('');
  const { data, error } = useLive(() => api<{ items: Incident[] }>(`/incidents${status ? `?status=${status}` : ''}`), [status]);
  return (
    <div className="page">
      <Card
        title="Incidents"
        actions={
          <StatusFilter
            value={status}
            onChange={setStatus}
            options={[
              ['open', 'open'],
              ['resolved', 'resolved'],
            ]}
          />
        }
      >
        <ErrorLine error={error} />
        <DataTable columns={INCIDENT_COLUMNS} rows={data?.items} rowKey={(i) => i.id} />
      </Card>
    </div>
  );
}

const INCIDENT_COLUMNS: Column<Incident>[] = [
  { header: 'Severity', cell: (i) => <SeverityBadge severity={i.severity} /> },
  { header: 'Title', cell: (i) => <Link to={`/incidents/${i.id}`}>{i.title}</Link> },
  { header: 'Phase', cell: (i) => <StatusBadge status={i.phase} /> },
  { header: 'Service', cell: (i) => i.service },
  { header: 'Opened', cell: (i) => fmtTime(i.openedAt) },
  { header: 'MTTA', cell: (i) => fmtDuration(i.mttaMs) },
  { header: 'MTTR', cell: (i) => fmtDuration(i.mttrMs) },
];

export function IncidentPage({ id }: { id: string }) {
  const { data, error, reload } = useLive(() => api<Incident>(`/incidents/${id}`), [id], 2);
  const [msg, setMsg] = useState<string>();
  const act = async (verb: 'ack' | 'resolve') => {
    try {
      await api(`/incidents/${id}/${verb}`, { method: 'POST', body: {} });
      reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  if (!data) return <div className="page">{error ? <ErrorLine error={error} /> : 'Loading…'}</div>;
  return (
    <div className="page">
      <Card
        title={data.title}
        actions={
          <span className="actions">
            <button onClick={() => void act('ack')} disabled={!getToken() || data.status !== 'open'}>
              Acknowledge
            </button>
            <button onClick={() => void act('resolve')} disabled={!getToken() || data.status !== 'open'}>
              Resolve
            </button>
          </span>
        }
      >
        <p>
          <SeverityBadge severity={data.severity} /> <span data-testid="incident-detail-phase">{data.phase}</span> · {data.status} · opened{' '}
          {fmtTime(data.openedAt)} · MTTA {fmtDuration(data.mttaMs)} · MTTR {fmtDuration(data.mttrMs)}
        </p>
        <p className="mono">{data.resourceArns.map(shortArn).join(', ')}</p>
        <ErrorLine error={msg} />
      </Card>
      <RcaPanel incidentId={id} />
      <div className="grid2">
        <Card title="Timeline">
          <ol className="timeline" data-testid="incident-timeline">
            {data.timeline.map((t, i) => (
              <li key={i} className={`tl-${t.kind}`}>
                <span className="when">{fmtTime(t.at)}</span>{' '}
                {t.phase ? <StatusBadge status={t.phase} /> : <span className="badge">{t.kind}</span>} {t.message}{' '}
                <span className="actor">— {t.actor}</span>
              </li>
            ))}
          </ol>
        </Card>
        <Card title="Remediation">
          {data.executions?.map((e) => (
            <div key={e.id} className="execution">
              <Link to={`/executions/${e.id}`}>{e.runbookId}</Link> <StatusBadge status={e.status} />
              <div className="states">{e.statesVisited.join(' → ')}</div>
            </div>
          ))}
          {!data.executions?.length && <p className="hint">No runbook ran for this incident.</p>}
        </Card>
      </div>
      <Card
        title="Alerts in this incident"
        actions={
          data.alerts?.some((a) => a.rule?.startsWith('anomaly:')) ? (
            <Link to={`/metrics?incident=${data.id}`}>Anomaly metric chart</Link>
          ) : undefined
        }
      >
        <AlertsTable alerts={data.alerts ?? []} />
      </Card>
    </div>
  );
}
