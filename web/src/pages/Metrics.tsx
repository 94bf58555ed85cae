import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api, type Incident } from '../api';
import { Card, ErrorLine, fmtTime, Link, shortArn } from '../components/common';
import { Chart } from '../components/Chart';
import { useLive } from '../live';
import { navigate } from '../router';

interface MonitoredMetric {
  key: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  resourceArn?: string;
  ready: boolean;
}
interface RunReport {
  at: string;
  metrics: number;
  backfilled: number;
  pending: number;
  anomalies: number;
  ms: number;
}
interface Point {
  t: number;
  time: string;
  value: number;
  expected: number;
  lower: number;
  upper: number;
  score: number;
  anomaly: boolean;
}
interface Anomaly {
  id: string;
  metricKey: string;
  metric: string;
  resourceArn: string;
  status: 'open' | 'resolved';
  time: string;
  endTime?: string;
  value: number;
  expected: number;
  lower: number;
  upper: number;
  score: number;
  peakScore: number;
  direction: 'above' | 'below';
  contributing: { metricKey: string; metric: string; value: number; lower: number; upper: number; score: number }[];
}
interface Explanation {
  metricKey: string;
  detector: string;
  resourceArn: string;
  threshold: number;
  points: Point[];
  open: Anomaly | null;
  anomalies: Anomaly[];
}
interface RawSeries {
  key: string;
  resourceArn: string;
  timestamps: number[];
  values: number[];
}

/** `?key=<metricKey>` selects a metric; `?incident=<id>` selects the metric of the anomaly that opened the incident. */
function useQuery(): URLSearchParams {
  const [search, setSearch] = useState(window.location.search);
  useEffect(() => {
    const on = () => setSearch(window.location.search);
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return useMemo(() => new URLSearchParams(search), [search]);
}

export const metricHref = (key: string): string => `/metrics?key=${encodeURIComponent(key)}`;

/**
 * The value with its expected band filled between lower and upper (uPlot `bands`) and the
 * points where an anomaly opened as red markers. The shared Chart draws lines only, hence this one.
 */
function BandChart({ title, points, height = 260 }: { title: string; points: Point[]; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current || points.length === 0) return;
    const xs = points.map((p) => p.t / 1000);
    const data: uPlot.AlignedData = [
      xs,
      points.map((p) => p.lower),
      points.map((p) => p.upper),
      points.map((p) => p.expected),
      points.map((p) => p.value),
      points.map((p) => (p.anomaly ? p.value : null)),
    ];
    const opts: uPlot.Options = {
      title,
      width: el.current.clientWidth || 720,
      height,
      scales: { x: { time: true } },
      axes: [{ stroke: '#9aa4b2', grid: { stroke: '#2a3140' } }, { stroke: '#9aa4b2', grid: { stroke: '#2a3140' }, size: 70 }],
      series: [
        {},
        { label: 'lower', stroke: 'rgba(148,163,184,0.5)', width: 1 },
        { label: 'upper', stroke: 'rgba(148,163,184,0.5)', width: 1 },
        { label: 'expected', stroke: '#94a3b8', width: 1, dash: [4, 4] },
        { label: 'value', stroke: '#38bdf8', width: 2 },
        { label: 'anomaly', stroke: '#ef4444', width: 0, paths: () => null, points: { show: true, size: 10, fill: '#ef4444', stroke: '#ef4444' } },
      ],
      // The expected band: filled between upper (series 2) and lower (series 1).
      bands: [{ series: [2, 1], fill: 'rgba(148,163,184,0.18)' }],
      legend: { show: true },
    };
    const plot = new uPlot(opts, data, el.current);
    return () => plot.destroy();
  }, [title, points, height]);
  return <div className="chart" ref={el} data-testid="metric-band-chart" />;
}

function AnomaliesTable({ items, onPick }: { items: Anomaly[]; onPick?: (key: string) => void }) {
  if (items.length === 0) return <p className="hint">No anomalies.</p>;
  return (
    <table data-testid="anomalies-table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Status</th>
          <th>Metric</th>
          <th>Resource</th>
          <th>Value</th>
          <th>Expected band</th>
          <th>Score</th>
          <th>Contributing</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <td>{fmtTime(a.time)}</td>
            <td>{a.status}</td>
            <td>{onPick ? <a href={metricHref(a.metricKey)} onClick={(e) => (e.preventDefault(), onPick(a.metricKey))}>{a.metric}</a> : a.metric}</td>
            <td>{shortArn(a.resourceArn)}</td>
            <td>
              {fmt(a.value)} ({a.direction})
            </td>
            <td>
              {fmt(a.lower)} – {fmt(a.upper)}
            </td>
            <td>{a.peakScore.toFixed(2)}</td>
            <td>{a.contributing.map((c) => c.metric).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const fmt = (x: number): string => (Math.abs(x) >= 1e5 || (Math.abs(x) < 0.01 && x !== 0) ? x.toPrecision(4) : String(Math.round(x * 1000) / 1000));

function MetricDetail({ metricKey, monitored }: { metricKey: string; monitored: boolean }) {
  const ex = useLive(() => (monitored ? api<Explanation>(`/detect/explain?metric=${encodeURIComponent(metricKey)}`) : Promise.resolve(undefined)), [metricKey, monitored], 3);
  // Metrics that detection does not watch still get their raw values.
  const raw = useLive(() => (monitored ? Promise.resolve(undefined) : api<{ items: RawSeries[] }>('/sandbox/metrics?minutes=1440').then((r) => r.items.find((s) => s.key === metricKey))), [metricKey, monitored], 5);
  const points = ex.data?.points ?? [];
  const score = useMemo(() => ({ ts: points.map((p) => p.t), values: points.map((p) => p.score) }), [points]);
  const scoreSeries = useMemo(() => [{ label: 'score', values: score.values, color: '#f59e0b' }], [score]);
  const scoreThreshold = useMemo(() => (ex.data ? [{ value: ex.data.threshold, color: '#ef4444', label: `threshold ${ex.data.threshold}` }] : []), [ex.data]);
  const rawSeries = useMemo(() => (raw.data ? [{ label: 'value', values: raw.data.values, color: '#38bdf8' }] : []), [raw.data]);
  return (
    <Card title={metricKey}>
      <ErrorLine error={ex.error ?? raw.error} />
      {monitored && ex.data && (
        <>
          <p className="hint" data-testid="metric-summary">
            detector {ex.data.detector} · {shortArn(ex.data.resourceArn)} ·{' '}
            {ex.data.open ? (
              <strong>
                open anomaly since {fmtTime(ex.data.open.time)}: {fmt(ex.data.open.value)} {ex.data.open.direction} the band {fmt(ex.data.open.lower)} – {fmt(ex.data.open.upper)}
              </strong>
            ) : (
              'no open anomaly'
            )}
          </p>
          {points.length > 0 ? <BandChart title="value and expected band" points={points} /> : <p className="hint">No scored points yet.</p>}
          {points.length > 0 && <Chart title="detector score" timestamps={score.ts} series={scoreSeries} thresholds={scoreThreshold} height={140} />}
          <h3>Anomalies of this metric</h3>
          <AnomaliesTable items={ex.data.anomalies} />
        </>
      )}
      {!monitored && (
        <>
          <p className="hint">Not monitored by anomaly detection (add it to detection.json in the data directory); raw values of the last 24 h.</p>
          {raw.data && <Chart title="value" timestamps={raw.data.timestamps} series={rawSeries} />}
        </>
      )}
    </Card>
  );
}

/** The metric of the anomaly that opened an incident: its alerts carry the metric key in their labels. */
function useIncidentMetric(incidentId: string | null): string | undefined {
  const { data } = useLive(
    () => (incidentId ? api<Incident & { alerts: { rule?: string; labels: Record<string, string> }[] }>(`/incidents/${encodeURIComponent(incidentId)}`) : Promise.resolve(undefined)),
    [incidentId],
    100,
  );
  return data?.alerts.find((a) => a.rule?.startsWith('anomaly:') && a.labels.metricKey)?.labels.metricKey;
}

export function MetricsPage() {
  const q = useQuery();
  const incidentId = q.get('incident');
  const fromIncident = useIncidentMetric(incidentId);
  const selected = q.get('key') ?? fromIncident;
  const monitored = useLive(() => api<{ items: MonitoredMetric[]; lastRun: RunReport | null }>('/detect/metrics'), [], 10);
  const all = useLive(() => api<{ items: RawSeries[] }>('/sandbox/metrics?minutes=5'), [], 100);
  const recent = useLive(() => api<{ items: Anomaly[] }>('/anomalies?limit=20'), [], 5);
  const pick = (key: string) => navigate(metricHref(key));

  const watched = new Map((monitored.data?.items ?? []).map((m) => [m.key, m]));
  const keys = [...new Set([...watched.keys(), ...(all.data?.items ?? []).map((s) => s.key)])].sort();
  const run = monitored.data?.lastRun;
  return (
    <div className="page">
      <ErrorLine error={monitored.error ?? recent.error} />
      <Card
        title="Metrics"
        actions={
          <select data-testid="metric-select" value={selected ?? ''} onChange={(e) => pick(e.target.value)}>
            <option value="">choose a metric…</option>
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
                {watched.has(k) ? (watched.get(k)!.ready ? '' : ' (back-fill pending)') : ' (not monitored)'}
              </option>
            ))}
          </select>
        }
      >
        <p className="hint" data-testid="detection-run">
          {run
            ? `Last detection run ${fmtTime(run.at)}: ${run.metrics} metrics, ${run.backfilled} back-filled, ${run.pending} waiting for back-fill, ${run.anomalies} new anomalies, ${run.ms} ms.`
            : 'Detection has not run yet (every 5 minutes of platform time).'}
          {incidentId && (
            <>
              {' '}
              Incident <Link to={`/incidents/${incidentId}`}>{incidentId}</Link>
              {fromIncident ? '' : ' was not opened by an anomaly.'}
            </>
          )}
        </p>
      </Card>
      {selected && <MetricDetail metricKey={selected} monitored={watched.get(selected)?.ready ?? false} />}
      <Card title="Recent anomalies">
        <AnomaliesTable items={recent.data?.items ?? []} onPick={pick} />
      </Card>
    </div>
  );
}
