import { useMemo, useState } from 'react';
import { api, getToken } from '../api';
import { Chart } from '../components/Chart';
import { Card, ErrorLine, fmtTime, Link, shortArn, StatusBadge } from '../components/common';
import { useLive } from '../live';

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
type FindingSeverity = (typeof SEVERITIES)[number];

interface Finding {
  id: string;
  checkId: string;
  title: string;
  message: string;
  severity: FindingSeverity;
  status: 'open' | 'suppressed' | 'resolved';
  resourceArn: string;
  resourceType: string;
  service: string;
  frameworks: { cis?: string[]; fsbp?: string[] };
  remediation?: string;
  evidence?: unknown;
  firstSeen: string;
  lastSeen: string;
  resolvedAt?: string;
  reopenCount?: number;
  suppression?: { reason: string; by: string; at?: string; until?: string };
  incidentIds?: string[];
  executions?: { id: string; runbookId: string; status: string }[];
}
interface Score {
  framework: string;
  name: string;
  version: string;
  score: number;
  controlsPassed: number;
  controlsFailed: number;
  controlsNotEvaluated: number;
}
interface HistoryPoint {
  at: string;
  scores: Record<string, number>;
  openBySeverity: Record<FindingSeverity, number>;
}

const SEV_CLASS: Record<FindingSeverity, string> = { CRITICAL: 'sev-1', HIGH: 'sev-2', MEDIUM: 'sev-3', LOW: 'sev-4', INFORMATIONAL: 'sev-4' };
const FindingSeverityBadge = ({ severity }: { severity: FindingSeverity }) => <span className={`badge sev ${SEV_CLASS[severity]}`}>{severity}</span>;

/** Security posture: open findings by severity, framework scores, the trend, and the findings list. */
export function SecurityPage() {
  const [severity, setSeverity] = useState('');
  const [status, setStatus] = useState('open');
  const [framework, setFramework] = useState('');
  const [msg, setMsg] = useState<string>();
  const q = new URLSearchParams(Object.entries({ severity, status, framework }).filter(([, v]) => v));
  const findings = useLive(() => api<{ items: Finding[] }>(`/findings?${q}`), [severity, status, framework]);
  const scores = useLive(() => api<{ items: Score[] }>('/compliance/scores'));
  const history = useLive(() => api<{ items: HistoryPoint[] }>('/compliance/history'), [], 10);
  const counts = useMemo(() => {
    const c = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<FindingSeverity, number>;
    for (const f of findings.data?.items ?? []) if (f.status === 'open') c[f.severity]++;
    return c;
  }, [findings.data]);
  const trend = useMemo(() => {
    const pts = history.data?.items ?? [];
    const ts = pts.map((p) => Date.parse(p.at));
    return {
      ts,
      scores: [
        { label: 'CIS %', values: pts.map((p) => p.scores.cis ?? null), color: '#5b9cf5' },
        { label: 'FSBP %', values: pts.map((p) => p.scores.fsbp ?? null), color: '#9b7bf5' },
      ],
      open: [
        { label: 'CRITICAL', values: pts.map((p) => p.openBySeverity.CRITICAL), color: '#f25c5c' },
        { label: 'HIGH', values: pts.map((p) => p.openBySeverity.HIGH), color: '#f29b5c' },
        { label: 'MEDIUM', values: pts.map((p) => p.openBySeverity.MEDIUM), color: '#f2d45c' },
        { label: 'LOW', values: pts.map((p) => p.openBySeverity.LOW), color: '#8fd48f' },
      ],
    };
  }, [history.data]);
  const scan = async () => {
    try {
      const r = await api<{ failed: number; resources: number; changes: { opened: number; resolved: number } }>('/compliance/scan', { method: 'POST', body: {} });
      setMsg(`scanned ${r.resources} resources: ${r.failed} failing, ${r.changes.opened} new, ${r.changes.resolved} resolved`);
      findings.reload();
      scores.reload();
      history.reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <div className="page">
      <Card
        title="Security posture"
        actions={
          <span className="actions">
            <button data-testid="scan-now" onClick={() => void scan()} disabled={!getToken()}>
              Scan now
            </button>
            <a href="/api/v1/compliance/export?format=html&status=open" target="_blank" rel="noreferrer">
              HTML report
            </a>
            <a href="/api/v1/compliance/export?format=sarif&status=open">SARIF</a>
            <a href="/api/v1/compliance/export?format=asff&status=open">ASFF</a>
          </span>
        }
      >
        {msg && <p className="hint">{msg}</p>}
        <div className="tiles" data-testid="findings-by-severity">
          {SEVERITIES.map((s) => (
            <button key={s} className={`tile ${severity === s ? 'active' : ''}`} onClick={() => setSeverity(severity === s ? '' : s)}>
              <FindingSeverityBadge severity={s} /> <strong>{counts[s]}</strong>
            </button>
          ))}
        </div>
        <ErrorLine error={scores.error} />
        <table data-testid="framework-scores">
          <thead>
            <tr>
              <th>Framework</th>
              <th>Score</th>
              <th>Controls passed</th>
              <th>Failed</th>
              <th>Not evaluated</th>
            </tr>
          </thead>
          <tbody>
            {scores.data?.items.map((s) => (
              <tr key={s.framework}>
                <td>
                  {s.name} v{s.version}
                </td>
                <td>
                  <strong>{s.score}%</strong>
                </td>
                <td>{s.controlsPassed}</td>
                <td>{s.controlsFailed}</td>
                <td>{s.controlsNotEvaluated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {trend.ts.length > 1 && (
        <Card title="Trend">
          <Chart title="Framework scores" timestamps={trend.ts} series={trend.scores} />
          <Chart title="Open findings by severity" timestamps={trend.ts} series={trend.open} />
        </Card>
      )}
      <Card title="Findings">
        <span className="actions">
          <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label="status">
            <option value="">any status</option>
            <option value="open">open</option>
            <option value="suppressed">suppressed</option>
            <option value="resolved">resolved</option>
          </select>
          <select value={framework} onChange={(e) => setFramework(e.target.value)} aria-label="framework">
            <option value="">all frameworks</option>
            <option value="cis">CIS v3.0.0</option>
            <option value="fsbp">AWS FSBP</option>
          </select>
        </span>
        <ErrorLine error={findings.error} />
        <table data-testid="findings-table">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Check</th>
              <th>Resource</th>
              <th>Message</th>
              <th>Status</th>
              <th>Last seen</th>
            </tr>
          </thead>
          <tbody>
            {findings.data?.items.map((f) => (
              <tr key={f.id}>
                <td>
                  <FindingSeverityBadge severity={f.severity} />
                </td>
                <td>
                  <Link to={`/security/${f.id}`}>{f.checkId}</Link>
                </td>
                <td title={f.resourceArn}>{shortArn(f.resourceArn)}</td>
                <td>{f.message}</td>
                <td>
                  <StatusBadge status={f.status} />
                </td>
                <td>{fmtTime(f.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

/** One finding: evidence, framework controls, the linked remediation and its executions, suppression. */
export function FindingPage({ id }: { id: string }) {
  const { data: f, error, reload } = useLive(() => api<Finding>(`/findings/${id}`), [id]);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [msg, setMsg] = useState<string>();
  const act = async (method: 'POST' | 'DELETE') => {
    try {
      await api(`/findings/${id}/suppress`, method === 'POST' ? { method, body: { reason, ...(until ? { until: new Date(until).toISOString() } : {}) } } : { method });
      setMsg(method === 'POST' ? 'suppressed' : 'suppression lifted');
      reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  if (!f) return <ErrorLine error={error} />;
  return (
    <div className="page">
      <Card title={f.title}>
        <p>
          <FindingSeverityBadge severity={f.severity} /> <StatusBadge status={f.status} /> <span className="mono">{f.checkId}</span>
        </p>
        <p>{f.message}</p>
        <dl>
          <dt>Resource</dt>
          <dd className="mono">{f.resourceArn}</dd>
          <dt>Frameworks</dt>
          <dd>{[...(f.frameworks.cis ?? []).map((c) => `CIS ${c}`), ...(f.frameworks.fsbp ?? []).map((c) => `FSBP ${c}`)].join(', ') || '—'}</dd>
          <dt>First / last seen</dt>
          <dd>
            {fmtTime(f.firstSeen)} / {fmtTime(f.lastSeen)}
            {f.resolvedAt ? ` · resolved ${fmtTime(f.resolvedAt)}` : ''}
            {f.reopenCount ? ` · reopened ${f.reopenCount}×` : ''}
          </dd>
          <dt>Remediation</dt>
          <dd data-testid="finding-remediation">
            {f.remediation ? <Link to="/approvals">{f.remediation}</Link> : 'manual (no catalogue runbook)'}
            {f.executions?.map((e) => (
              <span key={e.id}>
                {' '}
                · <Link to={`/executions/${e.id}`}>{e.runbookId}</Link> <StatusBadge status={e.status} />
              </span>
            ))}
            {f.incidentIds?.map((i) => (
              <span key={i}>
                {' '}
                · <Link to={`/incidents/${i}`}>incident</Link>
              </span>
            ))}
          </dd>
        </dl>
        <h3>Evidence</h3>
        <pre className="mono" data-testid="finding-evidence">
          {JSON.stringify(f.evidence ?? {}, null, 2)}
        </pre>
      </Card>
      <Card title="Suppression">
        {msg && <p className="hint">{msg}</p>}
        {f.status === 'suppressed' && f.suppression ? (
          <p>
            Suppressed by {f.suppression.by}: “{f.suppression.reason}”{f.suppression.until ? ` until ${fmtTime(f.suppression.until)}` : ' (no expiry)'}{' '}
            <button onClick={() => void act('DELETE')} disabled={!getToken()}>
              Lift
            </button>
          </p>
        ) : (
          <span className="actions">
            <input placeholder="reason (required)" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="suppress-reason" />
            <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} aria-label="expires" />
            <button onClick={() => void act('POST')} disabled={!getToken() || !reason.trim()} data-testid="suppress">
              Suppress
            </button>
          </span>
        )}
      </Card>
    </div>
  );
}
