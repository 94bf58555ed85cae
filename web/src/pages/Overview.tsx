import { api, type Alert, type Execution, type Incident, type Series } from '../api';
import { Chart } from '../components/Chart';
import { Card, ErrorLine, fmtTime, Link, SeverityBadge, shortArn, StatusBadge } from '../components/common';
import { useLive } from '../live';
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
  const series = useLive(() => Promise.all(FLEET_CHARTS.map((c) => api<{ items: Series[] }>(`/sandbox/metrics?resource=${c.resource}&metric=${c.metric}&minutes=90`))), [], 2);
  return (
    <div className="charts">
      {FLEET_CHARTS.map((c, i) => {
        const s = series.data?.[i]?.items[0];
        if (!s) return <div key={c.title} className="chart placeholder">{c.title}</div>;
        const thresholds = (alarms.data?.items ?? [])
          .filter((a) => a.metric.metricName === c.metric && Object.values(a.metric.dimensions).some((d) => d === c.resource || d.includes(c.resource)))
          .map((a) => ({ value: a.threshold, color: a.level === 'critical' ? '#ef4444' : '#f59e0b', label: `${a.level} ${a.threshold}` }));
        return <Chart key={c.title} title={c.title} timestamps={s.timestamps} series={[{ label: c.metric, values: s.values, color: '#38bdf8' }]} thresholds={thresholds} />;
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
          <table data-testid="incidents-table">
            <thead>
              <tr>
                <th>Severity</th>
                <th>Title</th>
                <th>Phase</th>
                <th>Opened</th>
              </tr>
            </thead>
            <tbody>
              {data?.incidents.map((i) => (
                <tr key={i.id}>
                  <td>
                    <SeverityBadge severity={i.severity} />
                  </td>
                  <td>
                    <Link to={`/incidents/${i.id}`} testId="incident-link">
                      {i.title}
                    </Link>
                  </td>
                  <td data-testid="incident-phase">
                    <StatusBadge status={i.phase} />
                  </td>
                  <td>{fmtTime(i.openedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Executions">
          <table data-testid="executions-table">
            <thead>
              <tr>
                <th>Runbook</th>
                <th>Target</th>
                <th>Status</th>
                <th>Started</th>
              </tr>
            </thead>
            <tbody>
              {data?.executions.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/executions/${e.id}`}>{e.runbookId}</Link>
                  </td>
                  <td>{shortArn(e.targetResource)}</td>
                  <td>
                    <StatusBadge status={e.status} />
                  </td>
                  <td>{fmtTime(e.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
      <Card title="Recent alerts">
        <AlertsTable alerts={data?.alerts ?? []} />
      </Card>
    </div>
  );
}

export function AlertsTable({ alerts }: { alerts: Alert[] }) {
  return (
    <table data-testid="alerts-table">
      <thead>
        <tr>
          <th>Severity</th>
          <th>Alert</th>
          <th>Status</th>
          <th>Source</th>
          <th>Resource</th>
          <th>Count</th>
          <th>Last seen</th>
          <th>Incident</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a) => (
          <tr key={a.id}>
            <td>
              <SeverityBadge severity={a.severity} />
            </td>
            <td>{a.title}</td>
            <td>
              <StatusBadge status={a.status} />
            </td>
            <td>{a.source}</td>
            <td>{shortArn(a.resourceArn)}</td>
            <td>{a.count}</td>
            <td>{fmtTime(a.lastSeen)}</td>
            <td>{a.incidentId ? <Link to={`/incidents/${a.incidentId}`}>open</Link> : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
