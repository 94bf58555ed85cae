import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import { api, getToken, type Severity } from '../api';
import { Chart } from '../components/Chart';
import { Card, ErrorLine, fmtTime, Link, SeverityBadge, StatusBadge } from '../components/common';
import { useLive } from '../live';

interface AlertRule {
  name: string;
  severity: 'page' | 'ticket';
  factor: number;
  longWindow: string;
  shortWindow: string;
}
interface AlertStatus extends AlertRule {
  rule: string;
  longBurn: number;
  shortBurn: number;
  firing: boolean;
  incidentSeverity: Severity;
}
interface SloStatus {
  id: string;
  service: string;
  displayName: string;
  target: number;
  budgeting: string;
  window: string;
  state: string;
  error?: string;
  evaluatedAt: string;
  sli: number | null;
  budgetRemaining: number;
  burnRates: Record<string, number>;
  timeToExhaustionMs: number | null;
  alertRules: AlertRule[];
  alerts: AlertStatus[];
  firing: string[];
  remediationFrozen: boolean;
  sparkline?: { at: string[]; budgetRemaining: number[]; burnRates: Record<string, (number | null)[]> };
}
interface IncidentBrief {
  id: string;
  title: string;
  severity: Severity;
  status: string;
  phase: string;
  openedAt: string;
}
interface SloDetail extends SloStatus {
  history: { at: string; budgetRemaining: number; burnRates: Record<string, number>; firing: string[]; sli: number | null }[];
  incidents: IncidentBrief[];
  serviceIncidents: IncidentBrief[];
  burnAlerts: { id: string; rule: string; status: string; severity: Severity; lastSeen: string; incidentId?: string }[];
}

const pct = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)} %`);
const burn = (x: number | undefined): string => (x === undefined ? '—' : `${x < 10 ? x.toFixed(2) : x.toFixed(1)}×`);
const days = (ms: number | null): string => (ms === null ? '—' : ms >= 86_400_000 ? `${(ms / 86_400_000).toFixed(1)} d` : `${(ms / 3_600_000).toFixed(1)} h`);
const WINDOW_COLORS = ['#ef4444', '#f59e0b', '#38bdf8', '#a78bfa'];
/** Budget left: red when spent, amber under a quarter, green otherwise. */
const budgetStyle = (b: number) => ({ color: b <= 0 ? '#ef4444' : b < 0.25 ? '#f59e0b' : '#22c55e', fontWeight: 600 });

/** A tiny line without axes or legend (uPlot), for one burn-rate window in the list. */
function Sparkline({ values, factor, color, label }: { values: (number | null)[]; factor: number; color: string; label: string }) {
  const el = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!el.current || values.length < 2) return;
    const xs = values.map((_, i) => i);
    // Scaled to the line itself (a floor of 1×, the budget-neutral burn), so a slow creep stays
    // visible; the alert factor is drawn only when the line comes near it.
    const max = Math.max(1, ...values.map((v) => v ?? 0)) * 1.2;
    const plot = new uPlot(
      {
        width: 90,
        height: 26,
        legend: { show: false },
        cursor: { show: false },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: false }, y: { range: [0, max] } },
        series: [{}, { stroke: color, width: 1.5 }, { stroke: '#6b7280', dash: [3, 3], width: 1 }],
      },
      [xs, values, xs.map(() => (factor <= max ? factor : null))],
      el.current,
    );
    return () => plot.destroy();
  }, [values, factor, color]);
  return <span className="sparkline" style={{ display: 'inline-block', verticalAlign: 'middle' }} ref={el} title={`${label}: burn rate per history point; the ${factor}× alert factor is dashed when in range`} data-testid={`sparkline-${label}`} />;
}

function SpecEditor({ onSaved }: { onSaved: () => void }) {
  const [text, setText] = useState('');
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<string>();
  const send = async (path: string) => {
    setMsg(undefined);
    setError(undefined);
    try {
      const r = await api<{ slos?: { id: string }[]; items?: { id: string }[] }>(path, { method: 'POST', body: { spec: text, name: 'console.yaml' } });
      const ids = (r.slos ?? r.items ?? []).map((s) => s.id).join(', ');
      setMsg(path.endsWith('/check') ? `Valid: ${ids}` : `Saved: ${ids}`);
      if (!path.endsWith('/check')) onSaved();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Card title="New SLO (OpenSLO v1 YAML)">
      <textarea data-testid="slo-spec" rows={10} style={{ width: '100%', fontFamily: 'monospace' }} value={text} onChange={(e) => setText(e.target.value)} placeholder="apiVersion: openslo/v1&#10;kind: SLO&#10;…" />
      <span className="actions">
        <button data-testid="slo-check" onClick={() => void send('/slos/check')} disabled={!text.trim()}>
          Check
        </button>
        <button data-testid="slo-create" onClick={() => void send('/slos')} disabled={!text.trim() || !getToken()}>
          Create
        </button>
      </span>
      {msg && <p data-testid="slo-spec-result">{msg}</p>}
      <ErrorLine error={error} />
    </Card>
  );
}

export function SlosPage() {
  const { data, error, reload } = useLive(() => api<{ items: SloStatus[] }>('/slos?points=48'), [], 5);
  return (
    <div className="page">
      <Card title="Service level objectives">
        <ErrorLine error={error} />
        <table data-testid="slo-table">
          <thead>
            <tr>
              <th>SLO</th>
              <th>Service</th>
              <th>State</th>
              <th>Objective</th>
              <th>SLI</th>
              <th>Budget left</th>
              <th>Burn rate (last 48 h, per long window)</th>
              <th>Firing</th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((s) => (
              <tr key={s.id} data-testid={`slo-row-${s.id}`}>
                <td>
                  <Link to={`/slos/${s.id}`}>{s.displayName || s.id}</Link>
                </td>
                <td>{s.service}</td>
                <td>
                  <StatusBadge status={s.state} />
                </td>
                <td>
                  {pct(s.target, 2)} / {s.window}
                </td>
                <td>{pct(s.sli, 3)}</td>
                <td style={budgetStyle(s.budgetRemaining)} data-testid={`slo-budget-${s.id}`}>{pct(s.budgetRemaining)}</td>
                <td>
                  {s.alertRules.map((r, i) => (
                    <span key={r.name} className="spark-cell" style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginRight: 10 }}>
                      <small>
                        {r.longWindow} {burn(s.burnRates[r.longWindow])}
                      </small>
                      <Sparkline values={s.sparkline?.burnRates[r.longWindow] ?? []} factor={r.factor} color={WINDOW_COLORS[i % WINDOW_COLORS.length]!} label={`${s.id}-${r.longWindow}`} />
                    </span>
                  ))}
                </td>
                <td>{s.firing.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <SpecEditor onSaved={reload} />
    </div>
  );
}

export function SloPage({ id }: { id: string }) {
  const { data, error } = useLive(() => api<SloDetail>(`/slos/${id}`), [id], 10);
  const charts = useMemo(() => {
    if (!data) return undefined;
    const ts = data.history.map((h) => Date.parse(h.at));
    return {
      ts,
      budget: [{ label: 'budget left (%)', values: data.history.map((h) => h.budgetRemaining * 100), color: '#22c55e', fill: 'rgba(34,197,94,0.12)' }],
      burns: data.alertRules.map((r, i) => ({ label: `${r.longWindow} burn`, values: data.history.map((h) => h.burnRates[r.longWindow] ?? null), color: WINDOW_COLORS[i % WINDOW_COLORS.length]! })),
      factors: data.alertRules.map((r, i) => ({ value: r.factor, color: WINDOW_COLORS[i % WINDOW_COLORS.length]!, label: `${r.name} ${r.factor}×` })),
      zero: [{ value: 0, color: '#ef4444', label: 'exhausted' }],
    };
  }, [data]);
  if (!data || !charts) return <div className="page">{error ? <ErrorLine error={error} /> : 'Loading…'}</div>;
  const incidentRows = (items: IncidentBrief[], testId: string) =>
    items.length === 0 ? (
      <p>None.</p>
    ) : (
      <table data-testid={testId}>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <td>
                <SeverityBadge severity={i.severity} />
              </td>
              <td>
                <Link to={`/incidents/${i.id}`}>{i.title}</Link>
              </td>
              <td>
                <StatusBadge status={i.phase} />
              </td>
              <td>{fmtTime(i.openedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <div className="page">
      <Card title={`${data.displayName || data.id} (${data.service})`} actions={<StatusBadge status={data.state} />}>
        <p data-testid="slo-summary">
          Objective {pct(data.target, 2)} over {data.window} ({data.budgeting}) · SLI {pct(data.sli, 3)} · budget left <b style={budgetStyle(data.budgetRemaining)}>{pct(data.budgetRemaining)}</b> · time to exhaustion {days(data.timeToExhaustionMs)}
          {data.remediationFrozen && ' · risky automated remediations frozen'} · evaluated {fmtTime(data.evaluatedAt)}
        </p>
        <ErrorLine error={data.error} />
        <table>
          <thead>
            <tr>
              <th>Rule</th>
              <th>Severity</th>
              <th>Windows</th>
              <th>Factor</th>
              <th>Long burn</th>
              <th>Short burn</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {data.alerts.map((a) => (
              <tr key={a.rule}>
                <td>{a.rule}</td>
                <td>
                  {a.severity} <SeverityBadge severity={a.incidentSeverity} />
                </td>
                <td>
                  {a.longWindow} / {a.shortWindow}
                </td>
                <td>{a.factor}×</td>
                <td>{burn(a.longBurn)}</td>
                <td>{burn(a.shortBurn)}</td>
                <td>{a.firing && <StatusBadge status="firing" />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <div className="charts">
        <Chart title="Error budget left over the window (%)" timestamps={charts.ts} series={charts.budget} thresholds={charts.zero} />
        <Chart title="Burn rate per long window" timestamps={charts.ts} series={charts.burns} thresholds={charts.factors} />
      </div>
      <div className="grid2">
        <Card title="Incidents its burn alerts opened">{incidentRows(data.incidents, 'slo-incidents')}</Card>
        <Card title={`Recent incidents of service ${data.service}`}>{incidentRows(data.serviceIncidents, 'slo-service-incidents')}</Card>
      </div>
    </div>
  );
}
