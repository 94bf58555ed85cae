import { api, type Alert, type Execution, type Incident, type Series } from '../api';
import { Chart } from '../components/Chart';
import { Card, ErrorLine, fmtTime, Link, SeverityBadge, shortArn, StatusBadge } from '../components/common';
import { useLive } from '../live';
import { type Column, DataTable } from '../components/DataTable';
import { InjectFault } from './Sandbox';

interface Overview {
  openIncidents: Record<string, number>;
  incidents: Incident[];
  alerts: Alert[];
  executions: Execution[];
  pendingApprovals: number;
  quarantined: number;
}

const FLEET_CHARTS = [
  { resource: 'web-asg', metric: 'CPUUtilization', title: 'web-asg CPU (%)' },
  { resource: 'checkout-alb', metric: 'HTTPCode_Target_5XX_Count', title: 'checkout-alb 5xx / min' },
  { resource: 'orders-processor', metric: 'ErrorRate', title: 'orders-processor error rate (%)' },
  { resource: 'orders-queue', metric: 'ApproximateAgeOfOldestMessage', title: 'orders-queue oldest message (s)' },
];

interface AlarmDef {
  name: string;
  threshold: number;
  level: string;
  metric: { metricName: string; dimensions: Record<string, string> };
  state: string;
}

export function FleetCharts() {
  const alarms = useLive(() => api<{ items: AlarmDef[] }>('/sandbox/alarms'), [], 10);
  const series = useLive(
    () =>
      Promise.all(
        FLEET_CHARTS.map((c) => api<{ items: Series[] }>(`/sandbox/metrics?resource=${c.resource}&metric=${c.metric}&minutes=90`)),
      ),
    [],
    2,
  );
  return (
    <div className="charts">
      {FLEET_CHARTS.map((c, i) => {
        const s = series.data?.[i]?.items[0];
        if (!s)
          return (
            <div key={c.title} className="chart placeholder">
              {c.title}
            </div>
          );
        const thresholds = (alarms.data?.items ?? [])
          .filter(
            (a) =>
              a.metric.metricName === c.metric &&
              Object.values(a.metric.dimensions).some((d) => d === c.resource || d.includes(c.resource)),
          )
          .map((a) => ({ value: a.threshold, color: a.level === 'critical' ? '#ef4444' : '#f59e0b', label: `${a.level} ${a.threshold}` }));
        return (
          <Chart
            key={c.title}
            title={c.title}
            timestamps={s.timestamps}
            series={[{ label: c.metric, values: s.values, color: '#38bdf8' }]}
            thresholds={thresholds}
          />
        );
      })}
    </div>
  );
}

export function OverviewPage() {
  const { data, error } = useLive(() => api<Overview>('/overview'));
  return (
    <div className="page">
      <ErrorLine error={error} />
      <div className="tiles">
        {(['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'] as const).map((s) => (
          <div key={s} className={`tile sev-${s.slice(-1)}`} data-testid={`open-${s}`}>
            <span className="tile-value">{data?.openIncidents[s] ?? 0}</span>
            <span className="tile-label">open {s}</span>
          </div>
        ))}
        <div className="tile">
          <span className="tile-value">{data?.pendingApprovals ?? 0}</span>
          <span className="tile-label">
            <Link to="/approvals">pending approvals</Link>
          </span>
        </div>
        <div className="tile">
          <span className="tile-value">{data?.quarantined ?? 0}</span>
          <span className="tile-label">quarantined inputs</span>
        </div>
      </div>
      <Card title="Sandbox fleet" actions={<InjectFault />}>
        <FleetCharts />
      </Card>
      <div className="grid2">
        <Card title="Incidents">
          <DataTable testId="incidents-table" columns={INCIDENT_COLUMNS} rows={data?.incidents} rowKey={(i) => i.id} />
        </Card>
        <Card title="Executions">
          <DataTable testId="executions-table" columns={EXECUTION_COLUMNS} rows={data?.executions} rowKey={(e) => e.id} />
        </Card>
      </div>
      <Card title="Recent alerts">
        <AlertsTable alerts={data?.alerts ?? []} />
      </Card>
    </div>
  );
}

const INCIDENT_COLUMNS: Column<Incident>[] = [
  { header: 'Severity', cell: (i) => <SeverityBadge severity={i.severity} /> },
  {
    header: 'Title',
    cell: (i) => (
      <Link to={`/incidents/${i.id}`} testId="incident-link">
        {i.title}
      </Link>
    ),
  },
  { header: 'Phase', cell: (i) => <StatusBadge status={i.phase} />, testId: 'incident-phase' },
  { header: 'Opened', cell: (i) => fmtTime(i.openedAt) },
];

const EXECUTION_COLUMNS: Column<Execution>[] = [
  { header: 'Runbook', cell: (e) => <Link to={`/executions/${e.id}`}>{e.runbookId}</Link> },
  { header: 'Target', cell: (e) => shortArn(e.targetResource) },
  { header: 'Status', cell: (e) => <StatusBadge status={e.status} /> },
  { header: 'Started', cell: (e) => fmtTime(e.startedAt) },
];

const ALERT_COLUMNS: Column<Alert>[] = [
  { header: 'Severity', cell: (a) => <SeverityBadge severity={a.severity} /> },
  { header: 'Alert', cell: (a) => a.title },
  { header: 'Status', cell: (a) => <StatusBadge status={a.status} /> },
  { header: 'Source', cell: (a) => a.source },
  { header: 'Resource', cell: (a) => shortArn(a.resourceArn) },
  { header: 'Count', cell: (a) => a.count },
  { header: 'Last seen', cell: (a) => fmtTime(a.lastSeen) },
  { header: 'Incident', cell: (a) => (a.incidentId ? <Link to={`/incidents/${a.incidentId}`}>open</Link> : '') },
];

export function AlertsTable({ alerts }: { alerts: Alert[] }) {
  return <DataTable testId="alerts-table" columns={ALERT_COLUMNS} rows={alerts} rowKey={(a) => a.id} />;
}
